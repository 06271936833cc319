using Microsoft.Extensions.Hosting;

namespace QueueActors.Host.Workers;

/// <summary>In a worker process: writes <see cref="WorkerChild.UpLine"/> on stdout once the node is up, for its master.</summary>
public sealed class WorkerUpSignal(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => Console.Out.WriteLine(WorkerChild.UpLine));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
