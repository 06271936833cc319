using System.Diagnostics;
using System.Text.Json;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport.Sql;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Workers;

/// <summary>
/// <c>run --workers 2</c> on a SQL transport (<see cref="TransportHocon"/>) with the default five-minute visibility-timeout,
/// a worker killed with SIGKILL again and again: the master respawns it, and the killed workers' claims come back as soon
/// as their process (SQLite) or session (PostgreSQL) is found gone, so every event is handled within seconds of the last
/// respawn (the idea of <see cref="KillMidWorkTestBase"/>, with a master).
/// </summary>
public abstract class WorkerMasterKillTestBase(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Events = 600;
    private const int Kills = 4;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private MasterProcess? _master;

    protected TempDirectory Root { get; } = new();

    /// <summary>The queueactors { … } lines that choose the transport.</summary>
    protected abstract string TransportHocon { get; }

    private string Out => Path.Combine(Root.Path, "out");

    private string ConfigFile => Path.Combine(Root.Path, "node.conf");

    public async ValueTask DisposeAsync()
    {
        if (_master is not null)
        {
            output.WriteLine(_master.Output);
            await _master.DisposeAsync();
        }

        Root.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task KillWorkersAndAwaitEveryEventAsync()
    {
        WriteConfig();
        var config = ConfigLoader.Load(ConfigFile);
        var topology = new QueueTopology(MessagingSettings.FromConfig(config));
        await using var transport = await SqlTransport.OpenAsync(config);
        var publisher = new EventPublisher(transport, topology);
        var published = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < Events; start += 100)
        {
            published.UnionWith(await Task.WhenAll(Enumerable.Range(start, 100).Select(i => publisher.PublishAsync("alpha.example", "worker", new { action = "sleep", text = "200" }).AsTask())));
        }

        var master = _master = MasterProcess.Start(ConfigFile, 2, "worker", Out, "count");
        for (var kill = 1; kill <= Kills; kill++)
        {
            var name = $"node-1-{(kill % 2) + 1}";
            var before = HandledLines.Read(Out).Count;
            await AwaitAsync(() => master.UpPids(name).Count == (kill + 1) / 2 && HandledLines.Read(Out).Count >= before + 30, $"{name} up and 30 more events handled before kill {kill}");
            using var victim = Process.GetProcessById(master.UpPids(name)[^1]);
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        await AwaitAsync(() => master.UpPids("node-1-1").Count == 3 && master.UpPids("node-1-2").Count == 3, "both workers up again after the last kill");
        var queue = topology.BrokerQueueFor("alpha.example", "worker");
        await AwaitAsync(
            async () => HandledLines.Read(Out).Where(published.Contains).ToHashSet().Count == Events && await SqlQueueSettled.IsSettledAsync(transport, queue),
            "every event handled and nothing left ready, within seconds of the respawn (the visibility-timeout is 5 minutes)");
        await master.Process.TerminateAsync();
        await master.Process.WaitForExitAsync().WaitAsync(Wait);
        Assert.Equal(Kills, master.Count("was killed by signal SIGKILL (9)"));
        Assert.Equal(0, master.Process.ExitCode);
    }

    private Task AwaitAsync(Func<bool> condition, string what) => AwaitAsync(() => Task.FromResult(condition()), what);

    private async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        try
        {
            await AwaitCondition.UntilAsync(condition, Wait, what);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"Not {what} within {Wait}; the master said:\n{_master?.Output}");
        }
    }

    private void WriteConfig()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(ConfigFile, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(Root.Path, "data"))}}
              {{TransportHocon}}
              shutdown-timeout = 5s
              sql-transport { visibility-timeout = 5m, reclaim-interval = 200ms }
              processing {
                dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(Root.Path, "dead"))}}
                queue-defaults { concurrency = 4, prefetch = 4 }
              }
            }
            """);
    }
}
