using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Host.Cli;
using QueueActors.Host.Node;
using QueueActors.Host.Node.Memory;

namespace QueueActors.Host.Workers;

/// <summary>
/// <c>run</c> once its options are read: the master of <c>--workers N</c> (<see cref="WorkerMaster"/>), one of its worker
/// processes (<see cref="WorkerChild"/>), or the single process of <c>workers = 1</c>. A node (worker or single) watches
/// its memory (<see cref="MemoryWatchService"/>) and exits <see cref="ExitCodes.SoftMemoryLimit"/> or
/// <see cref="ExitCodes.OverMemoryLimitAtStart"/> when that stopped it.
/// </summary>
public static class WorkerRun
{
    public static async Task<int> RunAsync(NodeOptions options, int? workers, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var child = WorkerChild.FromEnvironment(Environment.GetEnvironmentVariable);
        if (child is not null)
        {
            options = child.Apply(options);
        }
        else if ((workers ?? options.Node.Workers) is > 1 and var count)
        {
            if (!options.IsWorker)
            {
                await Console.Error.WriteLineAsync($"error: {count} worker processes need the worker role: a seed-only node runs as one process").ConfigureAwait(false);
                return ExitCodes.BadConfig;
            }

            try
            {
                return await WorkerMaster.RunAsync(options, count, cancellationToken).ConfigureAwait(false);
            }
            catch (HoconException error)
            {
                await Console.Error.WriteLineAsync($"error: bad configuration: {error.Message}").ConfigureAwait(false);
                return ExitCodes.BadConfig;
            }
        }

        var memory = new MemoryStop();
        var code = await NodeStart.RunAsync(options, services =>
        {
            configureServices?.Invoke(services);
            services.AddSingleton(memory);
            services.AddHostedService<MemoryWatchService>();
            if (child is not null)
            {
                services.AddHostedService<WorkerUpSignal>();
            }
        }, cancellationToken).ConfigureAwait(false);
        return (code, memory.Reason) switch
        {
            (ExitCodes.Ok, MemoryStopReason.SoftLimit) => ExitCodes.SoftMemoryLimit,
            (ExitCodes.Ok, MemoryStopReason.OverLimitAtStart) => ExitCodes.OverMemoryLimitAtStart,
            _ => code,
        };
    }
}
