using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Scheduling.Sql;
using QueueActors.Actors.Uniqueness.Sql;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>
/// A real node process (tests/QueueActors.TestWorker) on RabbitMQ holds a delayed event in its SQLite file and relays
/// it: killed with SIGKILL before the event is due, the event waits in the file and the restarted node delivers it.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class ScheduledEventsNodeTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory _root = new();
    private readonly List<WorkerProcess> _workers = [];
    private readonly List<IAsyncDisposable> _owned = [];

    private string Queue => "sched-node-" + _id;

    private string Out => Path.Combine(_root.Path, "out");

    private string ConfigFile => Path.Combine(_root.Path, "worker.conf");

    [Fact]
    public async Task A_delayed_event_survives_kill_9_of_the_node_that_holds_it_and_the_restarted_node_delivers_it()
    {
        var publisher = await PublisherAsync();
        var first = StartWorker();
        var ready = await publisher.PublishAsync("s1", Queue, new { action = "ok", text = "ready" });
        await AwaitFileAsync($"handled.{ready}.{first.Id}", first);

        var result = await publisher.PublishAsync("s1", Queue, new { action = "ok", text = "later" }, new PublishOptions { Delay = TimeSpan.FromSeconds(2) });
        Assert.Equal(PublishOutcome.Scheduled, result.Outcome);
        first.KillHard();
        await first.WaitForExitAsync();

        Assert.False(File.Exists(Path.Combine(Out, $"handled.{result.MessageId}.{first.Id}")), "the killed node did not deliver it before its time");
        var second = StartWorker();
        await AwaitFileAsync($"handled.{result.MessageId}.{second.Id}", second);
        Assert.Single(Directory.GetFiles(Out, $"handled.{result.MessageId}.*"));
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(ConfigFile, $$"""
            queueactors {
              transport.rabbitmq { servers = ["{{brokers.Primary.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{_id}}" }
              scheduling.poll-interval = 200ms
              shutdown-timeout = 5s
              data-directory = "{{Path.Combine(_root.Path, "data")}}"
            }
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            output.WriteLine($"--- worker {worker.Id} ---\n{worker.Output}");
            await worker.DisposeAsync();
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _root.Dispose();
    }

    /// <summary>A publisher of this test process on the node's broker and its SQLite file (what the node's own publisher uses).</summary>
    private async Task<EventPublisher> PublisherAsync()
    {
        var config = ConfigLoader.Load(ConfigFile);
        var database = await SqliteDatabase.OpenAsync(SqliteSettings.FromConfig(config));
        _owned.Add(database);
        var transport = await Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        _owned.Add(transport);
        var topology = new QueueTopology(MessagingSettings.FromConfig(config));
        return new EventPublisher(transport, topology, TimeProvider.System, await SqliteScheduledEvents.OpenAsync(database), new SqliteUniqueKeys(database));
    }

    private WorkerProcess StartWorker()
    {
        var worker = WorkerProcess.Start(ConfigFile, Queue, Out);
        _workers.Add(worker);
        return worker;
    }

    private async Task AwaitFileAsync(string name, WorkerProcess worker)
    {
        try
        {
            await AwaitCondition.UntilAsync(() => File.Exists(Path.Combine(Out, name)), Wait, name);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"No {name} within {Wait}; worker {worker.Id} (exited: {worker.HasExited}) said:\n{worker.Output}");
        }
    }
}
