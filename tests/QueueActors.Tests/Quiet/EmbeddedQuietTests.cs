using System.Text.Json;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport.Sql;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Quiet;

/// <summary>Quiet mode on the embedded default: a real node process on the SQLite file in its data directory, and <c>ctl</c> with its configuration.</summary>
[Trait("Category", "Integration")]
public sealed class EmbeddedQuietTests : QuietNodeTestBase, IAsyncLifetime
{
    private const string Node = "quiet-1";
    private const string Site = "alpha.example";
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _root = new();
    private readonly List<WorkerProcess> _nodes = [];
    private SqlTransport _transport = null!;
    private QueueTopology _topology = null!;

    public EmbeddedQuietTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(Out);
        File.WriteAllText(ConfigFile, $$"""
            queueactors {
              node.name = "{{Node}}"
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "data"))}}
              shutdown-timeout = 5s
              processing.dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "dead"))}}
            }
            {{QueueDefaults}}
            """);
    }

    protected override string Out => Path.Combine(_root.Path, "out");

    private string ConfigFile => Path.Combine(_root.Path, "node.conf");

    [Fact]
    public async Task A_quiet_node_stops_fetching_within_one_prefetch_answers_while_quiet_and_handles_the_rest_after_resume()
    {
        StartNode();

        await QuietStopsFetchingWithinOnePrefetchAndResumeHandlesTheRestAsync(Node);
    }

    [Fact]
    public async Task A_quiet_node_started_again_is_not_quiet()
    {
        const int Events = 6;
        var first = StartNode();
        await PublishGatedAsync(Events);
        await AwaitCondition.UntilAsync(() => Started() == Concurrency, Wait, "both handlers at the gate");
        await CtlOkAsync("node", "quiet");
        OpenGate();
        await AwaitCondition.UntilAsync(async () => Handled() == Concurrency && await ReadyAsync() == Events - Concurrency, Wait, "quiet: the other four wait");

        await first.TerminateAsync();
        await first.WaitForExitAsync().WaitAsync(Wait);
        Assert.Equal(0, first.ExitCode);
        StartNode();

        await AwaitCondition.UntilAsync(() => Handled() == Events, Wait, "the node started again to take the events without a resume");
        Assert.False((await StatusAsync()).GetProperty("quiet").GetBoolean());
    }

    public async Task InitializeAsync()
    {
        var config = ConfigLoader.Load(ConfigFile);
        _topology = new QueueTopology(MessagingSettings.FromConfig(config));
        _transport = await SqlTransport.OpenAsync(config);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            _output.WriteLine($"--- node {node.Id} ---\n{node.Output}");
            await node.DisposeAsync();
        }

        await _transport.DisposeAsync();
        _root.Dispose();
    }

    protected override async Task PublishGatedAsync(int count)
    {
        var publisher = new EventPublisher(_transport, _topology);
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(Site, "worker", new { action = "gate", text = $"event {i}" });
        }
    }

    protected override async Task<long> ReadyAsync() => (await _transport.GetStatusAsync(_topology.BrokerQueueFor(Site, "worker"))).MessagesReady;

    protected override async Task<(int ExitCode, string Output)> CtlAsync(params string[] arguments)
    {
        await using var ctl = WorkerProcess.Start(["ctl", .. arguments, "--config", ConfigFile], "worker", Out);
        await ctl.WaitForExitAsync().WaitAsync(Wait);
        _output.WriteLine($"$ queueactors ctl {string.Join(' ', arguments)} -> {ctl.ExitCode}\n{ctl.Output}");
        return (ctl.ExitCode, ctl.Output);
    }

    private WorkerProcess StartNode()
    {
        var node = WorkerProcess.Start(ConfigFile, "worker", Out);
        _nodes.Add(node);
        return node;
    }
}
