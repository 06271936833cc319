using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Runtime;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Host.Node;

/// <summary>
/// Owns the node's actor system and transport:
/// <list type="number">
/// <item>start: builds the actor system; on a worker, starts processing (every queue, or the one of
/// <c>process-queue</c>) and, when enabled, the XMPP output; logs that the node is up;</item>
/// <item>stop (SIGTERM, Ctrl-C): drains every queue at once within <c>shutdown-timeout</c> (no new
/// deliveries, unstarted ones handed back, in-flight ones finished), terminates the actors children-first,
/// then closes the backends: the transport (whose broker or table takes back whatever is still unacknowledged),
/// then the databases (<see cref="NodeBackends"/>).</item>
/// </list>
/// </summary>
public sealed class NodeService(NodeOptions options, IServiceProvider services, ILoggerFactory loggerFactory, TimeProvider timeProvider) : IHostedService, IAsyncDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<NodeService>();
    private ActorSystem? system;
    private ProcessingService? processing;
    private XmppOutputService? xmpp;
    private NodeCluster? cluster;

    public ActorSystem System => system ?? throw new InvalidOperationException("The node has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        system = ActorSystem.Create(options.Node.Name, options.Actors, loggerFactory, timeProvider);
        var runtime = services.GetRequiredService<NodeRuntime>();
        runtime.System = system;
        runtime.AkkaSystem = services.GetRequiredService<Akka.Actor.ActorSystem>(); // started by Akka.Hosting before this service
        try
        {
            if (options.Filter is null)
            {
                // Handlers may publish as soon as processing starts; the sites (configuration, registry) come later.
                var patience = options.Cluster.RequestTimeout * 3;
                services.GetRequiredService<QueueTopology>().AwaitSites(patience);
            }

            if (options.IsWorker)
            {
                processing = services.GetRequiredService<ProcessingService>();
                if (options.Filter is not null)
                {
                    // process-queue runs outside the cluster (no registry), but routes by the configured sites' breakouts.
                    foreach (var site in options.Sites.Sites)
                    {
                        await processing.ApplySiteAsync(site, options.Node.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
                    }
                }

                await processing.StartAsync(runtime.AkkaSystem, options.Filter, cancellationToken).ConfigureAwait(false);
                runtime.Processing = processing;
                if (options.Xmpp.Enabled)
                {
                    var connector = XmppConnector.FromSettings(options.Xmpp, loggerFactory.CreateLogger<XmppConnector>());
                    xmpp = await XmppOutputService.StartAsync(services.GetRequiredService<ITransport>(), options.Xmpp, runtime.AkkaSystem, connector, loggerFactory, cancellationToken).ConfigureAwait(false);
                }
            }

            if (options.Filter is null)
            {
                // process-queue runs one processor only, outside the cluster's control.
                cluster = new NodeCluster(options, services, runtime, logger);
                await cluster.StartAsync(system, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Start failed part-way: take down what was built, so nothing consumes behind a failed host.
            await system.TerminateAsync().ConfigureAwait(false);
            await services.GetRequiredService<NodeBackends>().DisposeAsync().ConfigureAwait(false);
            system = null;
            throw;
        }

        NodeLog.NodeUp(logger, options.Node.Name, string.Join(",", options.Node.Roles), options.ConfigFile ?? "reference.conf");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (system is null)
        {
            return;
        }

        NodeLog.NodeStopping(logger, options.Node.Name);
        if (cluster is not null)
        {
            await cluster.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (processing is not null && !await processing.StopAsync(options.Node.ShutdownTimeout, cancellationToken).ConfigureAwait(false))
        {
            NodeLog.DrainTimedOut(logger, options.Node.Name, options.Node.ShutdownTimeout);
        }

        if (xmpp is not null)
        {
            await xmpp.DisposeAsync().ConfigureAwait(false); // after the drain: handlers may still have fed the outbox
        }

        await system.TerminateAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (cluster is not null)
        {
            await cluster.StopActorsAsync().ConfigureAwait(false); // on the Akka system, which stops after the transport closes
        }

        await services.GetRequiredService<NodeBackends>().DisposeAsync().ConfigureAwait(false);
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
