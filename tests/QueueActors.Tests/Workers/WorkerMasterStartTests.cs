using System.Text.Json;
using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Workers;

/// <summary>
/// A master whose workers are over their memory limit at start (a soft limit below the start-up footprint), on the
/// embedded SQLite transport: each worker is started worker-start-failures times and no more, the master says why and
/// exits non-zero.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WorkerMasterStartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private MasterProcess? _master;

    [Fact]
    public async Task Workers_over_their_memory_limit_at_start_are_started_the_configured_number_of_times_and_the_master_exits_non_zero()
    {
        var config = Path.Combine(_root.Path, "node.conf");
        File.WriteAllText(config, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(_root.Path, "data"))}}
              shutdown-timeout = 5s
              node { soft-memory-limit = 1MiB, memory-check-interval = 200ms, worker-start-failures = 2, worker-start-window = 60s }
            }
            """);
        var outDirectory = Path.Combine(_root.Path, "out");
        Directory.CreateDirectory(outDirectory);
        _master = MasterProcess.Start(config, 2, "worker", outDirectory);

        await _master.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.WorkersFailed, _master.Process.ExitCode);
        foreach (var worker in new[] { "node-1-1", "node-1-2" })
        {
            Assert.Equal(2, _master.Count($"Worker {worker} started")); // no respawn loop
            Assert.Matches($@"Worker {worker} \(pid \d+\) exited with code 8 \(over its memory limit at start\); not started again: it failed to start 2 times within 60s", _master.Output);
        }

        Assert.Equal(4, _master.Count("is over its memory limit at start: working set"));
        Assert.Equal(2, _master.Count("not started again: it failed to start 2 times within 60s"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_master is not null)
        {
            output.WriteLine(_master.Output);
            await _master.DisposeAsync();
        }

        _root.Dispose();
    }
}
