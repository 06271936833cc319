using QueueActors.Actors.Processing.Stats;
using QueueActors.Host.Cli.Check;
using QueueActors.Tests.Cluster.MultiNode;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Check;

/// <summary><c>check consumers</c> and <c>check send-receive</c> against a seed and a worker process on a real RabbitMQ broker.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqCheckTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Consumers_is_ok_while_the_worker_consumes_and_critical_when_its_queue_is_paused()
    {
        var (code, text) = await _cluster.CliAsync("check", "consumers");
        Assert.True(code == (int)CheckStatus.Ok, text);
        Assert.StartsWith("OK: ", text);

        Assert.Equal(0, (await _cluster.CliAsync("ctl", "queue", "pause", _cluster.Queue)).ExitCode);
        var (pausedCode, pausedText) = await _cluster.CliAsync("check", "consumers");

        Assert.True(pausedCode == (int)CheckStatus.Critical, pausedText);
        Assert.StartsWith($"CRITICAL: qa.{_cluster.Queue} has no consumer", pausedText);
    }

    [Fact]
    public async Task Send_receive_round_trips_through_the_broker_and_is_critical_when_no_worker_takes_the_probe()
    {
        var (code, text) = await _cluster.CliAsync("check", "send-receive");
        output.WriteLine("figure, check send-receive on RabbitMQ: " + text.Trim());
        Assert.True(code == (int)CheckStatus.Ok, text);
        Assert.Matches(@"^OK: round trip [0-9.]+ ms through qa\.queueactors-probe", text);

        Assert.Equal(0, (await _cluster.CliAsync("ctl", "queue", "pause", SendReceiveProbe.Queue)).ExitCode);
        var (pausedCode, pausedText) = await _cluster.CliAsync("check", "send-receive", "--critical", "1s");

        Assert.True(pausedCode == (int)CheckStatus.Critical, pausedText);
        Assert.StartsWith("CRITICAL: no worker handled the probe on qa.queueactors-probe within 1s", pausedText);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        _cluster.StartNode("w1", "worker");
        await _cluster.AwaitMembersUpAsync("seed1", "w1");
    }

    public async Task DisposeAsync()
    {
        await _cluster.CliAsync("ctl", "queue", "resume", SendReceiveProbe.Queue); // the probe queue is the broker's, not this cluster's
        await _cluster.DisposeAsync();
    }
}
