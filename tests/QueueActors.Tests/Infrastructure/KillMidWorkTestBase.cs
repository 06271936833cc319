using System.Text.Json;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport.Sql;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// A real node process on a SQL transport, killed with SIGKILL in the middle of the work and started again:
/// nothing published is lost, and (with the default visibility-timeout of five minutes) the killed node's claims
/// come back as soon as the restarted node finds its process gone, so every event is handled within a minute.
/// Subclasses give the transport (<see cref="TransportHocon"/>: the embedded SQLite file, or PostgreSQL).
/// </summary>
public abstract class KillMidWorkTestBase(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Events = 48;
    private const int Concurrency = 8;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly List<WorkerProcess> _workers = [];

    protected TempDirectory Root { get; } = new();

    /// <summary>The queueactors { … } lines that choose the transport.</summary>
    protected abstract string TransportHocon { get; }

    private string Out => Path.Combine(Root.Path, "out");

    private string ConfigFile => Path.Combine(Root.Path, "node.conf");

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            output.WriteLine($"--- node {worker.Id} ---\n{worker.Output}");
            await worker.DisposeAsync();
        }

        Root.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Publishes, starts a node, kills it once it handled some events, starts another: returns the second, stopped.</summary>
    protected async Task<WorkerProcess> KillMidWorkAndRestartAsync(string visibilityTimeout)
    {
        WriteConfig(visibilityTimeout);
        var config = ConfigLoader.Load(ConfigFile);
        var published = new HashSet<string>(StringComparer.Ordinal);
        var topology = new QueueTopology(MessagingSettings.FromConfig(config));
        await using (var transport = await SqlTransport.OpenAsync(config))
        {
            var publisher = new EventPublisher(transport, topology);
            for (var i = 0; i < Events; i++)
            {
                published.Add(await publisher.PublishAsync("alpha.example", "worker", new { action = "sleep", text = $"event {i}" }));
            }
        }

        var first = Start();
        await AwaitCondition.UntilAsync(() => Handled().Count >= Concurrency, Wait, "the first node to handle its first events");
        first.KillHard();
        await first.WaitForExitAsync();
        var handledBeforeKill = Handled();
        Assert.InRange(handledBeforeKill.Count, Concurrency, Events - 1); // killed mid-work, not after it

        var second = Start();
        await using var check = await SqlTransport.OpenAsync(config);
        var queue = topology.BrokerQueueFor("alpha.example", "worker");

        await AwaitCondition.UntilAsync(
            async () => Handled().SetEquals(published) && await SqlQueueSettled.IsSettledAsync(check, queue),
            Wait,
            "every published event to be handled after the restart, and the queue drained");
        await second.TerminateAsync();
        await second.WaitForExitAsync().WaitAsync(Wait);
        Assert.Equal(0, (await check.GetStatusAsync(queue)).MessagesReady);
        Assert.False(Directory.Exists(Path.Combine(Root.Path, "dead")) && Directory.EnumerateFiles(Path.Combine(Root.Path, "dead")).Any(), "no event went to dead letters");
        return second;
    }

    // The distinct message ids with a handled.<id>.<pid> marker, whichever process wrote it.
    private HashSet<string> Handled() =>
        Directory.EnumerateFiles(Out, "handled.*").Select(file => Path.GetFileName(file).Split('.')[1]).ToHashSet(StringComparer.Ordinal);

    private WorkerProcess Start()
    {
        var worker = WorkerProcess.Start(ConfigFile, "worker", Out);
        _workers.Add(worker);
        return worker;
    }

    // visibility-timeout: the longest the killed node's claims could wait (each event takes half a second, and a
    // node claims at most prefetch = concurrency at once, so no live claim runs out).
    private void WriteConfig(string visibilityTimeout)
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(ConfigFile, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(Root.Path, "data"))}}
              {{TransportHocon}}
              shutdown-timeout = 5s
              sql-transport { visibility-timeout = {{visibilityTimeout}}, reclaim-interval = 200ms }
              processing {
                dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(Root.Path, "dead"))}}
                retry-backoff { min = 100ms, max = 500ms }
                queue-defaults { concurrency = {{Concurrency}}, prefetch = {{Concurrency}} }
              }
            }
            """);
    }
}
