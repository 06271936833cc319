using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Runtime;

namespace QueueActors.Host.Node;

/// <summary>
/// Owns the node's actor system: 1. builds it at start and logs that the node is up; 2. on stop
/// (SIGTERM, Ctrl-C) terminates it, which stops every actor children-first, within the shutdown timeout.
/// </summary>
public sealed class NodeService(NodeOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider) : IHostedService, IAsyncDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<NodeService>();
    private ActorSystem? system;

    public ActorSystem System => system ?? throw new InvalidOperationException("The node has not started");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        system = ActorSystem.Create(options.Node.Name, options.Actors, loggerFactory, timeProvider);
        NodeLog.NodeUp(logger, options.Node.Name, string.Join(",", options.Node.Roles), options.ConfigFile ?? "reference.conf");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (system is null)
        {
            return;
        }

        NodeLog.NodeStopping(logger, options.Node.Name);
        await system.TerminateAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        NodeLog.NodeStopped(logger, options.Node.Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (system is not null)
        {
            await system.DisposeAsync().ConfigureAwait(false);
        }
    }
}
