using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Node.Memory;

/// <summary>
/// Once the node is up: every <c>memory-check-interval</c> compares the process's working set with
/// <c>soft-memory-limit</c>; past it, logs it once and stops the host, which drains as on SIGTERM (NodeService's
/// CoordinatedShutdown phases: no new deliveries, unstarted ones handed back, in-flight ones finished), and records why
/// in <see cref="MemoryStop"/> for the exit code. Past it already at the first check: the node is over its limit at start.
/// With <c>debug-memory</c>, also logs working set, GC heap, collection counts and allocated bytes (StatusNet's
/// <c>debug_memory_usage</c>). A check reads two numbers: it allocates nothing per event.
/// </summary>
public sealed class MemoryWatchService(NodeSettings node, MemoryStop stop, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<MemoryWatchService> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Counted from "up", so the start-up footprint is measured once the node finished starting.
        lifetime.ApplicationStarted.Register(() =>
        {
            if (node.SoftMemoryLimit is { } limit)
            {
                _loops.Add(CheckLoopAsync(limit));
            }

            if (node.DebugMemory)
            {
                _loops.Add(DebugLoopAsync());
            }
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task CheckLoopAsync(long limit)
    {
        using var timer = new PeriodicTimer(node.MemoryCheckInterval, time);
        var first = true;
        while (await TickAsync(timer).ConfigureAwait(false))
        {
            var workingSet = Environment.WorkingSet;
            if (workingSet > limit)
            {
                if (first)
                {
                    MemoryLog.OverLimitAtStart(logger, node.Name, MiB(workingSet), MiB(limit));
                }
                else
                {
                    MemoryLog.SoftLimitPassed(logger, node.Name, MiB(workingSet), MiB(limit));
                }

                stop.Set(first ? MemoryStopReason.OverLimitAtStart : MemoryStopReason.SoftLimit);
                lifetime.StopApplication();
                return;
            }

            first = false;
        }
    }

    private async Task DebugLoopAsync()
    {
        using var timer = new PeriodicTimer(node.DebugMemoryInterval, time);
        while (await TickAsync(timer).ConfigureAwait(false))
        {
            MemoryLog.DebugMemory(logger, node.Name, MiB(Environment.WorkingSet), MiB(GC.GetTotalMemory(forceFullCollection: false)),
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), MiB(GC.GetTotalAllocatedBytes()));
        }
    }

    private async Task<bool> TickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long MiB(long bytes) => bytes / (1024 * 1024);
}
