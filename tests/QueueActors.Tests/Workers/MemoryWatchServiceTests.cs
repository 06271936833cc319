using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Host.Node.Memory;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Workers;

/// <summary>The memory watch of a node, in this process: over its soft limit at the first check, and debug-memory's lines.</summary>
public sealed class MemoryWatchServiceTests
{
    [Fact]
    public async Task A_node_past_its_soft_limit_at_the_first_check_is_over_its_limit_at_start_and_stops_its_host()
    {
        using var lifetime = new StartedLifetime();
        using var logs = new LogCapture();
        var stop = new MemoryStop();
        var node = Node() with { SoftMemoryLimit = 1024 * 1024, MemoryCheckInterval = TimeSpan.FromMilliseconds(20) };
        var watch = new MemoryWatchService(node, stop, lifetime, TimeProvider.System, new Logger<MemoryWatchService>(new LoggerFactory([logs])));

        await watch.StartAsync(CancellationToken.None);
        lifetime.Start();
        await AwaitCondition.UntilAsync(() => lifetime.StopRequested, TimeSpan.FromSeconds(10), "the watch to stop the host");
        await watch.StopAsync(CancellationToken.None);

        Assert.Equal(MemoryStopReason.OverLimitAtStart, stop.Reason);
        Assert.Matches("is over its memory limit at start: working set [0-9]+ MiB > soft limit 1 MiB", Assert.Single(logs.AtLeast(LogLevel.Warning)).Message);
    }

    [Fact]
    public async Task Debug_memory_logs_working_set_heap_collections_and_allocations_at_its_interval()
    {
        using var lifetime = new StartedLifetime();
        using var logs = new LogCapture();
        var watch = new MemoryWatchService(Node() with { DebugMemory = true, DebugMemoryInterval = TimeSpan.FromMilliseconds(20) }, new MemoryStop(), lifetime, TimeProvider.System, new Logger<MemoryWatchService>(new LoggerFactory([logs])));

        await watch.StartAsync(CancellationToken.None);
        lifetime.Start();
        var entry = await logs.ExpectAsync(e => e.Message.StartsWith("Memory of n1:", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await watch.StopAsync(CancellationToken.None);

        Assert.Matches(@"^Memory of n1: working set [0-9]+ MiB, GC heap [0-9]+ MiB, collections gen0 [0-9]+ gen1 [0-9]+ gen2 [0-9]+, allocated [0-9]+ MiB in all$", entry.Message);
        Assert.False(lifetime.StopRequested);
    }

    private static NodeSettings Node() => new() { Name = "n1", Roles = [NodeSettings.WorkerRole], ShutdownTimeout = TimeSpan.FromSeconds(5), AskTimeout = TimeSpan.FromSeconds(5) };

    private sealed class StartedLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public bool StopRequested => _stopping.IsCancellationRequested;

        public void Start() => _started.Cancel();

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
        }
    }
}
