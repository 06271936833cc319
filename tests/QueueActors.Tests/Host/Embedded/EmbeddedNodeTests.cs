using System.Text.Json;
using Akka.Actor;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Host.Cli;
using QueueActors.Host.Node;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>A node with no broker configured: the embedded default, in this process.</summary>
public sealed class EmbeddedNodeTests : IDisposable
{
    private const string Queue = "embedded";
    private const string Site = "alpha.example";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();
    private readonly string _configFile;

    public EmbeddedNodeTests()
    {
        // reclaim-interval: the longest a node sleeps before it sees a row another database connection
        // (the CLI's) committed; short, so the test does not depend on cross-process wake-ups.
        _configFile = Path.Combine(_data.Path, "node.conf");
        File.WriteAllText(_configFile, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_data.Path, "data"))}}
              sqlite.synchronous = normal
              shutdown-timeout = 5s
              sql-transport.reclaim-interval = 200ms
              processing.dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(_data.Path, "dead"))}}
            }
            """);
    }

    private string DatabaseFile => Path.Combine(_data.Path, "data", "queueactors.db");

    private string JournalFile => Path.Combine(_data.Path, "data", "queueactors.journal.db");

    [Fact]
    public async Task A_node_without_a_broker_runs_on_the_sqlite_transport_and_journals_next_to_its_file()
    {
        await using var node = await BuildAsync(new HandledRecorder());
        await node.Host.StartAsync();

        Assert.IsType<SqlTransport>(node.Backends.Transport);
        Assert.Equal(DatabaseFile, node.Services.GetRequiredService<SqliteDatabase>().FilePath);
        Assert.True(File.Exists(DatabaseFile));
        var akka = node.Services.GetRequiredService<ActorSystem>();
        var actor = akka.ActorOf(Props.Create(() => new OnePersist("embedded-test")));
        Assert.Equal(1L, await actor.Ask<long>("persist", Wait));
        await node.Host.StopAsync();

        // The node's persistent actors journal (Akka.Persistence.Sql) into their own file next to the node's.
        await using var journal = new SqliteConnection($"Data Source={JournalFile};Pooling=False");
        Assert.Equal(1, await journal.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM journal WHERE persistence_id = 'embedded-test'"));
    }

    [Fact]
    public async Task An_event_published_into_a_node_survives_the_nodes_restart_and_is_handled_after_it()
    {
        string messageId;
        await using (var first = await BuildAsync(new HandledRecorder(), handlerQueue: "other"))
        {
            await first.Host.StartAsync();
            messageId = await first.Services.GetRequiredService<IEventPublisher>().PublishAsync(Site, Queue, new RecordedEvent("survivor"));
            await first.Host.StopAsync();
        }

        var recorder = new HandledRecorder();
        await using var second = await BuildAsync(recorder);
        await second.Host.StartAsync();

        await AwaitCondition.UntilAsync(() => recorder.Handled(messageId), Wait, "the event published before the restart to be handled");
        await second.Host.StopAsync();
    }

    [Fact]
    public async Task Cli_publish_without_a_broker_writes_into_the_running_nodes_file_and_the_node_handles_it()
    {
        var recorder = new HandledRecorder();
        await using var node = await BuildAsync(recorder);
        await node.Host.StartAsync();

        var exitCode = await QueueActorsCli.InvokeAsync(["publish", "--config", _configFile, "--site", Site, "--queue", Queue, "--json", "{\"text\":\"from the shell\"}", "--count", "3"], "queueactors", null);

        Assert.Equal(ExitCodes.Ok, exitCode);
        var topology = new QueueTopology(node.Services.GetRequiredService<MessagingSettings>());
        await AwaitCondition.UntilAsync(
            async () => (await node.Backends.Transport.GetStatusAsync(topology.BrokerQueueFor(Site, Queue))).MessagesReady == 0 && recorder.Count == 3,
            Wait,
            "the node to handle the 3 events the CLI published");
        await node.Host.StopAsync();
    }

    [Fact]
    public async Task Transport_in_memory_puts_the_node_on_the_in_memory_transport_and_cli_publish_refuses_it()
    {
        File.AppendAllText(_configFile, "\nqueueactors.transport.in-memory = true\n");
        await using var node = await BuildAsync(new HandledRecorder());

        Assert.IsType<InMemoryTransport>(node.Backends.Transport);
        Assert.Equal(ExitCodes.Unavailable, await QueueActorsCli.InvokeAsync(["publish", "--config", _configFile, "--site", Site, "--queue", Queue, "--json", "{}"], "queueactors", null));
    }

    [Fact]
    public async Task A_seed_declares_the_configured_queues_so_events_wait_for_the_workers()
    {
        File.AppendAllText(_configFile, $"\nqueueactors.processing.queues = [{Queue}]\n");
        var options = NodeOptions.FromConfig(ConfigLoader.Load(_configFile), _configFile, roles: ["seed"]);
        await using var seed = await NodeHost.BuildAsync(options);
        await seed.Host.StartAsync();

        var status = await seed.Backends.Transport.GetStatusAsync("qa." + Queue);
        await seed.Services.GetRequiredService<IEventPublisher>().PublishAsync(Site, Queue, new RecordedEvent("early"));

        Assert.Equal(0, status.Consumers);
        Assert.Equal(1, (await seed.Backends.Transport.GetStatusAsync("qa." + Queue)).MessagesReady);
        await seed.Host.StopAsync();
    }

    public void Dispose() => _data.Dispose();

    private Task<NodeApplication> BuildAsync(HandledRecorder recorder, string handlerQueue = Queue)
    {
        var options = NodeOptions.FromConfig(ConfigLoader.Load(_configFile), _configFile, roles: null);
        return NodeHost.BuildAsync(options, services => services.AddSingleton(recorder).AddQueueHandler<RecordingHandler>(handlerQueue));
    }

    /// <summary>Persists each string it gets and replies with the event's sequence number.</summary>
    private sealed class OnePersist : Akka.Persistence.ReceivePersistentActor
    {
        public OnePersist(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<string>(text => Persist(text, _ => Sender.Tell(LastSequenceNr)));
        }

        public override string PersistenceId { get; }
    }
}
