using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Node;

/// <summary>
/// A built node (<see cref="NodeHost.BuildAsync"/>): its host and the backends it owns. Start and stop it through
/// <see cref="Host"/>; disposing stops nothing more but releases the host, then closes the backends (transport
/// first, then databases) if the node's stop has not already.
/// </summary>
public sealed class NodeApplication : IAsyncDisposable
{
    private readonly ILoggerFactory _backendLogging;

    internal NodeApplication(IHost host, NodeBackends backends, ILoggerFactory backendLogging)
    {
        Host = host;
        Backends = backends;
        _backendLogging = backendLogging;
    }

    /// <summary>The generic host (start, stop, wait for shutdown).</summary>
    public IHost Host { get; }

    /// <summary>The node's services.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>The transport, databases and persistence stores the node owns.</summary>
    public NodeBackends Backends { get; }

    /// <summary>The node's actor system and processing, once started.</summary>
    public NodeService Node => Host.Services.GetServices<IHostedService>().OfType<NodeService>().Single();

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            Host.Dispose();
        }

        await Backends.DisposeAsync().ConfigureAwait(false);
        _backendLogging.Dispose();
    }
}
