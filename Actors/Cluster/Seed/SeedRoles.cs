using Akka.Actor;
using Akka.Pattern;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Seed;

/// <summary>
/// The seed's cluster singletons under one parent, run on one seed of the cluster at a time (Akka's
/// ClusterSingletonManager among the nodes of role <c>seed</c>, started by the host): the site registry, the
/// dead-letter store and the consumer that feeds it from the dead-letter queue. Commands for the registry and the store are forwarded to them,
/// so a caller needs only this actor (or its manager). Their journal is the actor system's default
/// (Akka.Persistence.Sql, see <see cref="Persistence.AkkaSqlPersistence"/>). A persistent actor whose journal write
/// or recovery fails stops (Akka's rule: its state may be behind the journal); a back-off supervisor starts it
/// again, so it recovers the truth once the database answers.
/// </summary>
public sealed class SeedRoles : ReceiveActor
{
    private readonly SitesSettings _sites;
    private readonly DeadLetterFiles _files;
    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private IActorRef _registry = ActorRefs.Nobody;
    private IActorRef _deadLetters = ActorRefs.Nobody;

    /// <summary>Creates the seed roles (see <see cref="Props"/>).</summary>
    public SeedRoles(SitesSettings sites, DeadLetterFiles files, ITransport transport, QueueTopology topology, TimeProvider time, ILoggerFactory loggers)
    {
        _sites = sites;
        _files = files;
        _transport = transport;
        _topology = topology;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<SeedRoles>();
        Receive<ListSites>(command => _registry.Forward(command));
        Receive<GetSite>(command => _registry.Forward(command));
        Receive<AddSite>(command => _registry.Forward(command));
        Receive<UpdateSite>(command => _registry.Forward(command));
        Receive<RemoveSite>(command => _registry.Forward(command));
        Receive<RecordDeadLetter>(command => _deadLetters.Forward(command));
        Receive<ListDeadLetters>(command => _deadLetters.Forward(command));
        Receive<ShowDeadLetter>(command => _deadLetters.Forward(command));
        Receive<ReplayDeadLetters>(command => _deadLetters.Forward(command));
        Receive<PurgeDeadLetters>(command => _deadLetters.Forward(command));
    }

    /// <summary>The props of the seed roles; <paramref name="loggers"/> (default: none) log for each of them.</summary>
    public static Props Props(SitesSettings sites, DeadLetterFiles files, ITransport transport, QueueTopology topology, TimeProvider? time = null, ILoggerFactory? loggers = null) =>
        Akka.Actor.Props.Create(() => new SeedRoles(sites, files, transport, topology, time ?? TimeProvider.System, loggers ?? NullLoggerFactory.Instance));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _registry = Context.ActorOf(RestartedWhenStopped(SiteRegistry.Props(_sites, _loggers.CreateLogger<SiteRegistry>()), "site-registry"), "site-registry");
        _deadLetters = Context.ActorOf(RestartedWhenStopped(DeadLetterStore.Props(_files, _transport, _topology, DeadLetterStore.DefaultSnapshotInterval, _time, _loggers.CreateLogger<DeadLetterStore>()), "dead-letters"), "dead-letters");
        Context.ActorOf(DeadLetterQueueConsumer.Props(_transport, _topology, _deadLetters, logger: _loggers.CreateLogger<DeadLetterQueueConsumer>()), "dead-letter-consumer");
        SeedLog.Started(_logger);
    }

    /// <inheritdoc />
    protected override void PostStop() => SeedLog.Stopped(_logger); // the children have stopped before this

    /// <summary>A back-off supervisor that starts <paramref name="child"/> again 1 s to 30 s after it stopped; messages go through to it.</summary>
    private static Props RestartedWhenStopped(Props child, string name) =>
        BackoffSupervisor.Props(Backoff.OnStop(child, name, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));
}
