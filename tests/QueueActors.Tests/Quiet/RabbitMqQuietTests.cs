using QueueActors.Host.Cli;
using QueueActors.Tests.Cluster.MultiNode;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Quiet;

/// <summary>Quiet mode on a worker node over RabbitMQ, a member of its own Akka cluster, driven by <c>ctl</c>.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqQuietTests(RabbitMqFixture brokers, ITestOutputHelper output) : QuietNodeTestBase, IAsyncLifetime
{
    private const string Node = "w1";
    private TestCluster _cluster = null!;

    protected override string Out => _cluster.Out;

    private string BrokerQueue => "qa." + _cluster.Queue;

    [Fact]
    public async Task A_quiet_node_stops_fetching_within_one_prefetch_answers_while_quiet_and_handles_the_rest_after_resume()
    {
        await QuietStopsFetchingWithinOnePrefetchAndResumeHandlesTheRestAsync(Node);
    }

    [Fact]
    public async Task Queue_quiet_on_a_node_shows_in_queue_list_and_cluster_show_and_unquiet_ends_it()
    {
        var quiet = await CtlOkAsync("queue", "quiet", _cluster.Queue, "--node", Node);
        var list = await CtlOkAsync("queue", "list");
        var member = await MemberAsync(Node);
        var unquiet = await CtlOkAsync("queue", "unquiet", _cluster.Queue, "--node", Node);
        var (nowhereCode, nowhere) = await CtlAsync("queue", "quiet", "nowhere-" + _cluster.Id);

        Assert.Contains($"{BrokerQueue} quiet", quiet, StringComparison.Ordinal);
        Assert.Matches($@"{BrokerQueue}\s+quiet\s", list);
        Assert.False(member.GetProperty("quiet").GetBoolean(), member.ToString());
        Assert.Equal(1, member.GetProperty("quietQueues").GetInt32());
        Assert.Contains($"{BrokerQueue} unquiet", unquiet, StringComparison.Ordinal);
        Assert.True(nowhereCode == ExitCodes.CommandFailed, nowhere);
        Assert.Contains($"no node runs queue nowhere-{_cluster.Id}", nowhere, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output, QueueDefaults);
        _cluster.StartNode(Node, "worker");
        await _cluster.AwaitMembersUpAsync(Node);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    protected override async Task PublishGatedAsync(int count)
    {
        var publisher = await _cluster.PublisherAsync();
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync("s1", _cluster.Queue, new { action = "gate", text = $"event {i}" });
        }
    }

    protected override Task<long> ReadyAsync() => _cluster.ReadyAsync(BrokerQueue);

    protected override Task<(int ExitCode, string Output)> CtlAsync(params string[] arguments) => _cluster.CliAsync(["ctl", .. arguments]);
}
