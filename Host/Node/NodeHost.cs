using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node.Control;
using QueueActors.Actors.Xmpp;
using QueueActors.Host.Web;
using QueueActors.Host.Outbox;

namespace QueueActors.Host.Node;

/// <summary>
/// The generic host around a node:
/// <list type="number">
/// <item>opens the node's backends first (<see cref="NodeBackends"/>: the embedded SQLite file, or PostgreSQL,
/// and the transport on it, or RabbitMQ), so that everything in DI, handlers included, can take
/// <see cref="Actors.Messaging.IEventPublisher"/>; registers them: <see cref="Actors.Transport.ITransport"/>,
/// <see cref="SqliteDatabase"/> / <see cref="PostgresDatabase"/> when open (the persistent actors' journal is
/// Akka.Persistence.Sql, configured in <see cref="NodeAkka"/>);</item>
/// <item>registers the queue domain and the application's handlers (<c>configureServices</c>);</item>
/// <item>SIGTERM and Ctrl-C stop it gracefully: the drain gets <c>shutdown-timeout</c>, and the host a little
/// more to close the transport and then the databases after it.</item>
/// </list>
/// </summary>
public static class NodeHost
{
    private static readonly TimeSpan CloseMargin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Builds the node and runs it until <paramref name="cancellationToken"/>, SIGTERM, Ctrl-C, or until its actor system
    /// stops on its own (CoordinatedShutdown run by Akka, e.g. the cluster downed the node).
    /// </summary>
    /// <returns>True when the Akka cluster downed or removed the node (it did not ask to leave).</returns>
    public static async Task<bool> RunAsync(NodeOptions options, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        await using var node = await BuildAsync(options, configureServices, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await node.Host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (node.Services.GetService<Akka.Actor.ActorSystem>() is { } stopped && NodeAkka.WasDowned(stopped))
        {
            // Stopped by Akka while the node started (e.g. a peer refused its TLS handshake): what stopped it is logged.
            // Whatever the start was doing then fails (a hosted service's start, processing's asks cancelled), so any
            // failure counts as that stop.
            return true;
        }

        var system = node.Services.GetRequiredService<Akka.Actor.ActorSystem>();
        await node.Host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return NodeAkka.WasDowned(system);
    }

    /// <summary>Opens the node's backends and builds its host, not started yet (the demo and tests drive it).</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="configureServices">The application's handlers and observers.</param>
    /// <param name="configureLogging">Changes to the console logging (e.g. a higher minimum level).</param>
    /// <param name="cancellationToken">Cancels opening the backends.</param>
    /// <exception cref="Actors.Config.HoconException">A directory or the cluster secret cannot work; nothing was opened.</exception>
    /// <exception cref="PersistenceException">A database refused (the message masks passwords).</exception>
    /// <exception cref="Actors.Transport.TransportException">The transport could not be opened.</exception>
    public static async Task<NodeApplication> BuildAsync(NodeOptions options, Action<IServiceCollection>? configureServices = null, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Everything that can be found wrong without a server is found before anything opens (HoconException).
        NodePreflight.Check(options);
        var cluster = ClusterSecrets.Resolve(options);
        var backendLogging = LoggerFactory.Create(logging =>
        {
            logging.AddNodeConsole();
            configureLogging?.Invoke(logging);
        });
        NodeBackends? backends = null;
        try
        {
            backends = await NodeBackends.OpenAsync(options, withPersistence: options.OpensPersistence, backendLogging, cancellationToken).ConfigureAwait(false);
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Logging.AddNodeConsole();
            configureLogging?.Invoke(builder.Logging);
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Node.ShutdownTimeout + CloseMargin);
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(TimeProvider.System);
            Register(builder.Services, backends);
            builder.Services.AddSingleton(options.Messaging);
            builder.Services.AddSingleton(options.Processing);
            builder.Services.AddSingleton(options.Node);
            if (options.Xmpp.Enabled)
            {
                // Handlers send stanzas through the outbox queue, whichever node holds the connection.
                builder.Services.AddSingleton<IXmppOutbox>(await TransportXmppOutbox.CreateAsync(backends.Transport, options.Xmpp, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            builder.Services.AddQueueActors(options.Config);
            builder.Services.AddQueueHandler<Actors.Processing.Stats.ProbeHandler>(Actors.Processing.Stats.SendReceiveProbe.Queue); // check send-receive's probe: every worker runs it
            AddCluster(builder.Services, options, cluster);
            configureServices?.Invoke(builder.Services);
            // Akka.Hosting's service is registered first: it starts before NodeService and stops after it.
            builder.Services.AddAkka(NodeAkka.SystemName, akka => NodeAkka.Configure(akka, options));
            Web.Push.PushServiceCollectionExtensions.AddClientPush(builder.Services, options.Config); // after Akka's service: starts the channels' owners on it
            if (options.Http.RunsOn(oneQueue: options.Filter is not null))
            {
                builder.Services.AddNodeWeb(options.Http); // up before NodeService logs "is up", down after its drain
            }

            builder.Services.AddHostedService<NodeService>();
            builder.Services.AddOutboxRelay(options.Config); // after NodeService: stops first, while the transport is open
            var host = builder.Build();
            if (options.IsWorker)
            {
                // The handling journal is taken now, not when the host starts, so a second process of the same node is
                // refused here with one line instead of a "hosting failed to start" stack trace.
                host.Services.GetRequiredService<ProcessingService>().OpenJournal();
            }

            return new NodeApplication(host, backends, backendLogging);
        }
        catch
        {
            if (backends is not null)
            {
                await backends.DisposeAsync().ConfigureAwait(false);
            }

            backendLogging.Dispose();
            throw;
        }
    }

    /// <summary>The control handlers and, when there is a cluster secret, the control channel and membership.</summary>
    private static void AddCluster(IServiceCollection services, NodeOptions options, ClusterSettings? cluster)
    {
        services.AddSingleton<NodeRuntime>();
        services.AddSingleton<SiteUpdates>();
        if (cluster is null)
        {
            return;
        }

        services.AddSingleton(cluster);
        services.AddSingleton<INodeStatusProvider>(sp => new NodeStatusProvider(
            sp.GetRequiredService<NodeRuntime>(),
            new ProcessNodeStatusProvider(options.Node.Name, options.Node.Roles, sp.GetRequiredService<TimeProvider>()),
            options.Node.SoftMemoryLimit));
        services.AddControlCommandHandler<WorkerCommandsHandler>();
        services.AddControlCommandHandler<NodeLifecycleHandler>();
        services.AddControlCommandHandler<QuietCommandsHandler>();
        services.AddControlCommandHandler<ScheduledCommandsHandler>();
        if (options.IsSeed)
        {
            services.AddControlCommandHandler<SeedCommandsHandler>();
        }

        services.AddQueueActorsCluster(options.Config);
    }

    // Registered as instances: the container never disposes them; NodeService (at stop) and NodeApplication do, in order.
    private static void Register(IServiceCollection services, NodeBackends backends)
    {
        services.AddSingleton(backends);
        services.AddSingleton(backends.Transport);
        services.AddSingleton(backends.ScheduledEvents);
        services.AddSingleton(backends.UniqueKeys);
        if (backends.Sqlite is { } sqlite)
        {
            services.AddSingleton(sqlite);
        }

        if (backends.Postgres is { } postgres)
        {
            services.AddSingleton(postgres);
        }
    }
}
