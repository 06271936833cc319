using Akka;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Host.Node;

/// <summary>
/// Runs the node on its Akka.NET actor system (started by Akka.Hosting before this service):
/// <list type="number">
/// <item>start: on a worker, starts processing (every queue, or the one of <c>process-queue</c>) and, when
/// enabled, the XMPP output; then the cluster parts (seed singleton, control channel, membership); logs that
/// the node is up;</item>
/// <item>stop (SIGTERM, Ctrl-C, or anything that runs the system's CoordinatedShutdown): the node's own phases of
/// CoordinatedShutdown leave the cluster (<c>before-service-unbind</c>), drain every queue at once within
/// <c>shutdown-timeout</c> (<c>service-requests-done</c>: no new deliveries, unstarted ones handed back, in-flight
/// ones finished) and stop the control actors (<c>service-stop</c>); Akka then terminates the actors. Only after
/// that are the backends closed: the transport (whose broker or table takes back whatever is still
/// unacknowledged), then the databases (<see cref="NodeBackends"/>).</item>
/// </list>
/// </summary>
public sealed class NodeService(NodeOptions options, IServiceProvider services, ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ILogger logger = loggerFactory.CreateLogger<NodeService>();
    private ActorSystem? system;
    private ProcessingService? processing;
    private XmppOutputService? xmpp;
    private NodeCluster? cluster;

    public ActorSystem System => system ?? throw new InvalidOperationException("The node has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        system = services.GetRequiredService<ActorSystem>();
        var runtime = services.GetRequiredService<NodeRuntime>();
        runtime.System = system;
        AddShutdownTasks(CoordinatedShutdown.Get(system));
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
                // The configured sites are known before the start, which then starts all their queues at once (a node may
                // serve thousands of sites); the cluster applies them again (unchanged) and the registry's after it.
                // process-queue runs outside the cluster (no registry), but routes by the configured sites' breakouts.
                foreach (var site in options.Sites.Sites)
                {
                    await processing.ApplySiteAsync(site, options.Node.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
                }

                await processing.StartAsync(system, options.Filter, cancellationToken).ConfigureAwait(false);
                runtime.Processing = processing;
                if (options.Xmpp.Enabled)
                {
                    var connector = XmppConnector.FromSettings(options.Xmpp, loggerFactory.CreateLogger<XmppConnector>());
                    xmpp = await XmppOutputService.StartAsync(services.GetRequiredService<ITransport>(), options.Xmpp, system, connector, loggerFactory, cancellationToken).ConfigureAwait(false);
                }
            }

            if (options.Filter is null)
            {
                // process-queue runs one processor only, outside the cluster's control.
                cluster = new NodeCluster(options, services, runtime, logger);
                await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Start failed part-way: take down what was built, so nothing consumes behind a failed host.
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
            await services.GetRequiredService<NodeBackends>().DisposeAsync().ConfigureAwait(false);
            system = null;
            throw;
        }

        NodeLog.NodeUp(logger, options.Node.Name, string.Join(",", options.Node.Roles), options.ConfigFile ?? "reference.conf");
        ReleaseStartupMemory();
    }

    /// <summary>
    /// Collects the start's garbage once, compacting and giving the memory back: with thousands of sites the configuration's
    /// parse alone leaves a few hundred MB that no later collection would touch soon (much of it on the large object heap),
    /// so the resident size would show the start's peak instead of what the node holds.
    /// </summary>
    private static void ReleaseStartupMemory()
    {
        global::System.Runtime.GCSettings.LargeObjectHeapCompactionMode = global::System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (system is null)
        {
            return;
        }

        NodeLog.NodeStopping(logger, options.Node.Name);
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<NodeBackends>().DisposeAsync().ConfigureAwait(false);
        NodeLog.NodeStopped(logger, options.Node.Name);
    }

    /// <summary>
    /// The node's part of CoordinatedShutdown, whoever runs it (the host's stop, or Akka itself). Their timeouts
    /// are set in <see cref="NodeAkka"/> from <c>shutdown-timeout</c> and <c>ask-timeout</c>.
    /// </summary>
    private void AddShutdownTasks(CoordinatedShutdown shutdown)
    {
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "queueactors-leave", async () =>
        {
            if (cluster is not null)
            {
                await cluster.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "queueactors-drain", async () =>
        {
            if (processing is not null && !await processing.StopAsync(options.Node.ShutdownTimeout, CancellationToken.None).ConfigureAwait(false))
            {
                NodeLog.DrainTimedOut(logger, options.Node.Name, options.Node.ShutdownTimeout);
            }

            if (xmpp is not null)
            {
                await xmpp.DisposeAsync().ConfigureAwait(false); // after the drain: handlers may still have fed the outbox
            }

            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "queueactors-stop-control", async () =>
        {
            if (cluster is not null)
            {
                await cluster.StopActorsAsync().ConfigureAwait(false);
            }

            return Done.Instance;
        });
    }
}
