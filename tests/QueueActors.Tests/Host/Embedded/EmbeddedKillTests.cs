using System.Text.Json;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport.Sql;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>
/// The embedded default as an operator runs it: a real node process with no broker, on the SQLite file in its
/// data directory, killed with SIGKILL in the middle of the work and started again. Nothing published is lost.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EmbeddedKillTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Events = 48;
    private const int Concurrency = 8;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _root = new();
    private readonly List<WorkerProcess> _workers = [];

    private string Out => Path.Combine(_root.Path, "out");

    private string ConfigFile => Path.Combine(_root.Path, "node.conf");

    [Fact]
    public async Task A_node_killed_with_sigkill_mid_work_loses_nothing_every_event_is_handled_after_its_restart()
    {
        WriteConfig();
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
        await AwaitCondition.UntilAsync(() => Handled().SetEquals(published), Wait, "every published event to be handled after the restart");
        await second.TerminateAsync();
        await second.WaitForExitAsync().WaitAsync(Wait);

        Assert.Equal(0, second.ExitCode);
        await using var check = await SqlTransport.OpenAsync(config);
        Assert.Equal(0, (await check.GetStatusAsync(topology.BrokerQueueFor("alpha.example", "worker"))).MessagesReady);
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "dead")) && Directory.EnumerateFiles(Path.Combine(_root.Path, "dead")).Any(), "no event went to dead letters");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            output.WriteLine($"--- node {worker.Id} ---\n{worker.Output}");
            await worker.DisposeAsync();
        }

        _root.Dispose();
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

    // visibility-timeout: how soon the killed node's claims come back (each event takes half a second, and a
    // node claims at most prefetch = concurrency at once, so no live claim runs out).
    private void WriteConfig()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(ConfigFile, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "data"))}}
              shutdown-timeout = 5s
              sql-transport { visibility-timeout = 3s, reclaim-interval = 200ms }
              processing {
                dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "dead"))}}
                retry-backoff { min = 100ms, max = 500ms }
                queue-defaults { concurrency = {{Concurrency}}, prefetch = {{Concurrency}} }
              }
            }
            """);
    }
}
