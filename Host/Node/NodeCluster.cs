using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Seed;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node.Control;

namespace QueueActors.Host.Node;

/// <summary>
/// A node's part in the cluster:
/// <list type="number">
/// <item>on a seed, the topology the configuration names, and the seed roles (site registry, dead-letter store) as Akka's cluster
/// singleton, run on one seed of the cluster at a time and reached through <see cref="NodeRuntime.Seed"/> (<see cref="SeedSingleton"/>);</item>
/// <item>with a cluster secret, the control channel: the node's control actor (<c>/user/control</c>) on the
/// DistributedPubSub topic, the node's own control client, and on seeds the relay of the transport's channel into the
/// topic (<c>/user/control-relay</c>, a cluster singleton: active on the oldest seed); the active seed announces every
/// registry change as <c>update:&lt;site&gt;</c>;</item>
/// <item>the sites of the configuration applied at once, and those of the registry as soon as a seed answers; until
/// then the node's publishers wait (<see cref="QueueTopology.AwaitSites"/>).</item>
/// </list>
/// </summary>
internal sealed class NodeCluster(NodeOptions options, IServiceProvider services, NodeRuntime runtime, ILogger logger)
{
    private static readonly TimeSpan RegistryRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FirstRegistryTimeout = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource stopping = new();
    private Akka.Actor.IActorRef? control; // on the node's Akka system
    private string? contactPoint;
    private Task registrySites = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var system = runtime.System!;
        var time = services.GetRequiredService<TimeProvider>();
        var transport = services.GetRequiredService<ITransport>();
        var topology = services.GetRequiredService<QueueTopology>();
        var sites = options.Sites;
        if (options.IsSeed)
        {
            await DeclareTopologyAsync(transport, topology, sites, cancellationToken).ConfigureAwait(false);
            var loggers = services.GetRequiredService<ILoggerFactory>();
            var roles = SeedRoles.Props(sites, new DeadLetterFiles(options.Processing.DeadLetterDirectory), transport, topology, time, loggers);
            runtime.Seed = SeedSingleton.Start(system, roles);
        }

        // Every node relays due scheduled events (claims in the database keep two relays off one row).
        var scheduling = services.GetRequiredService<Actors.Scheduling.SchedulingSettings>();
        system.ActorOf(Actors.Scheduling.ScheduledEventRelay.Props(services.GetRequiredService<Actors.Scheduling.IScheduledEvents>(), services.GetService<Actors.Uniqueness.IUniqueKeys>(), transport, topology, scheduling, time, logger, options.Node.Name), "scheduled-relay");
        if (services.GetService<ClusterNodeServices>() is { } cluster)
        {
            control = system.ActorOf(ControlActor.Props(cluster), "control");
            Akka.Cluster.Tools.Client.ClusterClientReceptionist.Get(system); // starts /system/receptionist: `ctl` contacts any node
            contactPoint = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
            ContactPointFile.Write(options.Sqlite.DataDirectory, contactPoint);
            var verifier = CommandVerifier.FromSettings(cluster.Settings.Signing, time, logger);
            var route = ActorControlRoute.PubSub(system, cluster.Settings.ControlChannel);
            runtime.Client = await ControlClient.ConnectAsync(route, cluster.Settings, cluster.Signer, verifier, time, logger, cancellationToken).ConfigureAwait(false);
            if (options.IsSeed)
            {
                var relayVerifier = CommandVerifier.FromSettings(cluster.Settings.Signing, time, logger);
                var relayProps = ControlRelay.Props(transport, cluster.Settings, relayVerifier, options.Node.Name, time, logger);
                // Handed over in CoordinatedShutdown's cluster-exiting phase, as the seed roles (SeedSingleton), before the transport closes.
                system.ActorOf(
                    Akka.Cluster.Tools.Singleton.ClusterSingletonManager.Props(relayProps, Akka.Actor.PoisonPill.Instance, Akka.Cluster.Tools.Singleton.ClusterSingletonManagerSettings.Create(system).WithRole(Actors.Config.NodeSettings.SeedRole)),
                    "control-relay");
                system.EventStream.Subscribe(system.ActorOf(SiteChangedListener.Props(Announce), "site-announcer"), typeof(SiteChanged));
            }
        }
        else
        {
            NodeLog.ControlChannelOff(logger, options.Node.Name);
        }

        var updates = services.GetRequiredService<SiteUpdates>();
        foreach (var site in sites.Sites)
        {
            await updates.ApplyAsync(site.Name, site, cancellationToken).ConfigureAwait(false);
        }

        if (runtime.Client is not null)
        {
            registrySites = Task.Run(() => ApplyRegistrySitesAsync(updates, stopping.Token), CancellationToken.None);
        }
        else
        {
            topology.SitesKnown(); // no control channel: no registry sites either
        }
    }

    /// <summary>
    /// The seed declares the queues the configuration names (processing.queues, messaging.persistent, with the
    /// configured sites' breakouts) and the dead-letter queue, so that events published before any worker is
    /// up wait on their queue instead of being refused.
    /// </summary>
    private async Task DeclareTopologyAsync(ITransport transport, QueueTopology topology, SitesSettings sites, CancellationToken cancellationToken)
    {
        var names = options.Processing.Sites.Concat(topology.NamedSites).Concat(sites.Sites.Select(s => s.Name)).Distinct(StringComparer.Ordinal).ToArray();
        var specs = new List<QueueSpec> { topology.DeadLetterSpec };
        foreach (var queue in options.Processing.Queues.Concat(options.Messaging.Persistent).Distinct(StringComparer.Ordinal))
        {
            if (topology.HasSharedQueue(queue))
            {
                specs.Add(topology.SharedSpec(queue));
            }

            specs.AddRange(names.Where(site => topology.IsBreakout(site, queue)).Select(site => topology.BreakoutSpec(site, queue)));
        }

        foreach (var spec in specs)
        {
            try
            {
                await transport.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (TransportException error)
            {
                NodeLog.DeclareFailed(logger, spec.BrokerQueue, error.Message); // declared again by the workers that consume it
            }
        }
    }

    /// <summary>Closes the control client (Akka's CoordinatedShutdown leaves the cluster later, and hands the seed roles over then).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await registrySites.ConfigureAwait(false);
        // The seed roles stay until CoordinatedShutdown's cluster-exiting phase hands them over (SeedSingleton), after the drain
        // and before the transport closes.
        if (runtime.Client is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            runtime.Client = null;
        }

        if (contactPoint is not null)
        {
            ContactPointFile.Remove(options.Sqlite.DataDirectory, contactPoint);
        }
    }

    /// <summary>
    /// Stops the control actor once the node has drained, before it closes the transport that handlers use (the Akka
    /// system itself, with the relay and the seed roles, stops only after the node: CoordinatedShutdown hands those over).
    /// </summary>
    public async Task StopActorsAsync()
    {
        if (control is null)
        {
            return;
        }

        using var patience = new CancellationTokenSource(options.Node.AskTimeout);
        var terminated = Akka.Actor.WatchAsyncSupport.WatchAsync(control, patience.Token);
        runtime.System!.Stop(control);
        try
        {
            await terminated.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Still stopping: it ends with the actor system.
        }
    }

    private void Announce(SiteChanged change)
    {
        if (runtime.Client is not { } client)
        {
            return;
        }

        var call = new ControlCall(ControlCommands.UpdatePrefix + change.Site) { Mode = ReplyMode.All };
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await client.SendAsync(call, stopping.Token).ConfigureAwait(false);
                NodeLog.SiteAnnounced(logger, change.Site, result.Served.Count, result.Served.Count(r => !r.Reply.IsOk));
            }
            catch (Exception error) when (error is TransportException or OperationCanceledException or ObjectDisposedException)
            {
                NodeLog.SiteAnnounceFailed(logger, change.Site, error.Message);
            }
        });
    }

    /// <summary>The registry's own sites (added or changed at run time), once a seed answers; the configuration's are applied already.</summary>
    private async Task ApplyRegistrySitesAsync(SiteUpdates updates, CancellationToken cancellationToken)
    {
        try
        {
            // Publishers wait for this answer, and at a cluster's start no seed may run the registry yet: ask often, with
            // a short timeout first that grows to the configured one, so a slow seed is still heard.
            var timeout = FirstRegistryTimeout;
            while (!cancellationToken.IsCancellationRequested)
            {
                // The registry's own sites only: those of the configuration are applied, and may be thousands.
                var call = new ControlCall(ControlCommands.SiteList) { Timeout = timeout, Arguments = new Dictionary<string, string> { [ControlArguments.Source] = "registry" } };
                var result = await runtime.Client!.SendAsync(call, cancellationToken).ConfigureAwait(false);
                if (result.Served.FirstOrDefault() is { Reply: { IsOk: true, Data: { } data } })
                {
                    foreach (var site in SeedReplies.ReadSites(data))
                    {
                        await updates.ApplyAsync(site.Definition.Name, site.Definition, cancellationToken).ConfigureAwait(false);
                    }

                    services.GetRequiredService<QueueTopology>().SitesKnown();
                    return;
                }

                await Task.Delay(RegistryRetry, cancellationToken).ConfigureAwait(false);
                timeout = TimeSpan.FromTicks(Math.Min(timeout.Ticks * 2, options.Cluster.RequestTimeout.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is TransportException or InvalidOperationException or ArgumentException)
        {
            NodeLog.RegistrySitesFailed(logger, options.Node.Name, error.Message);
        }
    }
}
