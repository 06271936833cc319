using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Persistence.Sql.Hosting;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.Actors.Persistence;
using QueueActors.Host.Node.Tls;

namespace QueueActors.Host.Node;

/// <summary>
/// The node's Akka.NET actor system, started by Akka.Hosting inside the node's generic host: before
/// <see cref="NodeService"/> starts, and stopped (CoordinatedShutdown) after it has drained.
/// </summary>
public static class NodeAkka
{
    /// <summary>
    /// The actor system's name on every node. One name for the whole cluster: Akka.Cluster joins only systems of
    /// the same name, and node names (free text) need not be valid system names.
    /// </summary>
    public const string SystemName = "queueactors";

    /// <summary>
    /// How a node's actor system is set up: the <c>akka { }</c> section of the node's configuration file (if any) is
    /// its configuration; Akka's own log goes to the node's logging (<see cref="AkkaLogForwarder"/>); SIGTERM and Ctrl-C stop the
    /// generic host, whose services stop in reverse order (the node drains first, then Akka.Hosting runs
    /// CoordinatedShutdown), so Akka's own process-exit hook, which would terminate the actors while the node
    /// still drains, is off. On a node that runs persistent actors (<see cref="NodeOptions.OpensPersistence"/>),
    /// Akka.Persistence.Sql is the default journal and snapshot store (<see cref="AkkaSqlPersistence"/>).
    /// </summary>
    public static void Configure(AkkaConfigurationBuilder akka, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsClusterMember)
        {
            // The resolver's and the singletons' lease on the backend the cluster's nodes share: over Akka's defaults
            // (Akka.Hosting adds Akka.Cluster.Tools' before this), under the node's own akka { }, prepended next.
            var transport = options.TransportKind;
            akka.AddHocon(
                TransportLeaseHocon.For(
                    transport == NodeTransportKind.RabbitMq ? options.Broker.Servers : [],
                    transport == NodeTransportKind.Postgres ? options.Postgres?.ConnectionString : null,
                    options.Sqlite.DataDirectory),
                HoconAddMode.Prepend);
        }

        if (options.Config.AkkaConfig.GetValue("akka") is { } userAkka && userAkka.IsObject())
        {
            akka.AddHocon(userAkka.AtKey("akka"), HoconAddMode.Prepend); // the akka { } of the node's file, over Akka's defaults
        }

        akka.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
        akka.AddHocon("akka.log-dead-letters-during-shutdown = off", HoconAddMode.Append); // timer ticks to stopped actors: noise, unless the user's akka { } wants them
        akka.AddHocon(ShutdownPhases(options.Node), HoconAddMode.Prepend);
        if (options.IsClusterMember)
        {
            AddCluster(akka, options);
        }

        akka.ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddLogger<AkkaLogForwarder>();
        });
        if (options.OpensPersistence)
        {
            var sqlite = options.Persistence.Backend == SqlBackend.Sqlite;
            var connectionString = sqlite ? AkkaSqlPersistence.SqliteConnectionString(AkkaSqlPersistence.SqliteJournalPath(options.Sqlite)) : options.Postgres!.ConnectionString;
            akka.WithSqlPersistence(connectionString, sqlite ? AkkaSqlPersistence.SqliteProvider : AkkaSqlPersistence.PostgresProvider, autoInitialize: true);
            akka.AddHocon(AkkaSqlPersistence.SerializationHocon, HoconAddMode.Prepend);
        }
    }

    /// <summary>
    /// Akka.Cluster membership: remoting on <see cref="NodeOptions.Remoting"/>, the node's roles as Akka roles, the seed
    /// nodes of <see cref="NodeOptions.SeedNodes"/>, or with none a cluster of one that joins itself once started. The
    /// failure detector and the Split Brain Resolver are set in reference.conf's <c>akka.cluster</c> (the node's file may
    /// override them); the resolver's lease is on the node's transport (<see cref="TransportLeaseHocon"/>). A node the cluster downs runs CoordinatedShutdown with <c>ClusterDowningReason</c> (Akka's
    /// <c>run-coordinated-shutdown-when-down</c>), which stops the host; <see cref="NodeHost.RunAsync"/> reports it.
    /// </summary>
    private static void AddCluster(AkkaConfigurationBuilder akka, NodeOptions options)
    {
        var remoting = options.Remoting;
        var remote = new RemoteOptions
        {
            HostName = remoting.Hostname,
            Port = remoting.Port,
            PublicHostName = remoting.PublicHostname.Length > 0 ? remoting.PublicHostname : null,
        };
        var tls = RemotingTls.For(options); // NodePreflight found what is wrong with it
        akka.WithRemoting(tls?.ApplyTo(remote) ?? remote);
        akka.WithClustering(new ClusterOptions
        {
            Roles = [.. options.Node.Roles],
            SeedNodes = [.. options.SeedNodes.Select(seed => tls is null ? seed : RemotingTls.SeedAddress(seed))],
        });
        if (tls is not null)
        {
            akka.AddStartup((system, _) => Akka.Event.LoggingExtensions.Info(system.Log, "Remoting TLS (mutual): {0}", tls));
        }

        akka.AddStartup((system, _) =>
        {
            // On the resolver's lease backend: a member whose process is gone is downed at once (GoneProcessDowner).
            var leasePath = system.Settings.Config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation", "");
            if (options.Cluster.DownGoneMembers && leasePath.Length > 0)
            {
                system.ActorOf(Actors.Cluster.Lease.GoneProcessDowner.Props(leasePath), "gone-process-downer");
            }
        });
        if (options.SeedNodes.Count == 0)
        {
            akka.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
    }

    /// <summary>
    /// Whether <paramref name="system"/> stopped because the cluster downed this node, or removed it without the node
    /// asking to leave, or a peer refused its remoting TLS handshake (Akka.Remote stops a system whose outbound
    /// handshake fails). A node's own stop runs CoordinatedShutdown first, with another reason.
    /// </summary>
    public static bool WasDowned(Akka.Actor.ActorSystem system) =>
        Akka.Actor.CoordinatedShutdown.Get(system).ShutdownReason is Akka.Actor.CoordinatedShutdown.ClusterDowningReason or Akka.Actor.CoordinatedShutdown.ClusterLeavingReason
            || Akka.Actor.CoordinatedShutdown.Get(system).ShutdownReason?.GetType().Name == "TlsHandshakeFailureReason"; // Akka.Remote's, internal

    /// <summary>
    /// Timeouts of the phases <see cref="NodeService"/> adds to CoordinatedShutdown (Akka's default is 5 s each):
    /// leaving may ask the seed and the membership actor once each, the drain waits up to <c>shutdown-timeout</c>.
    /// </summary>
    private static string ShutdownPhases(Actors.Config.NodeSettings node)
    {
        var margin = TimeSpan.FromSeconds(5);
        static string Millis(TimeSpan time) => $"{(long)time.TotalMilliseconds}ms";
        return $$"""
            akka.coordinated-shutdown.phases {
              before-service-unbind.timeout = {{Millis((node.AskTimeout * 2) + margin)}}
              service-requests-done.timeout = {{Millis(node.ShutdownTimeout + margin)}}
              service-stop.timeout = {{Millis(node.AskTimeout + margin)}}
            }
            """;
    }
}
