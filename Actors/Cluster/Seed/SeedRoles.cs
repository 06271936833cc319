using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Runtime;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Seed;

/// <summary>
/// The seed's cluster singletons under one parent, run by the active seed only (see
/// <see cref="Singleton.ClusterSingletonManager"/>): the site registry, the dead-letter store and the consumer
/// that feeds it from the dead-letter queue. Commands for the registry and the store are forwarded to them,
/// so a caller needs only this actor (or its manager).
/// </summary>
public sealed class SeedRoles : ActorBase
{
    private readonly PersistenceStores stores;
    private readonly SitesSettings sites;
    private readonly DeadLetterFiles files;
    private readonly ITransport transport;
    private readonly QueueTopology topology;
    private IActorRef registry = null!;
    private IActorRef deadLetters = null!;

    private SeedRoles(PersistenceStores stores, SitesSettings sites, DeadLetterFiles files, ITransport transport, QueueTopology topology)
    {
        this.stores = stores;
        this.sites = sites;
        this.files = files;
        this.transport = transport;
        this.topology = topology;
    }

    public static Props Props(PersistenceStores stores, SitesSettings sites, DeadLetterFiles files, ITransport transport, QueueTopology topology) =>
        Runtime.Props.Create(() => new SeedRoles(stores, sites, files, transport, topology));

    protected override void PreStart()
    {
        registry = Context.ActorOf(SiteRegistry.Props(stores, sites), "site-registry");
        deadLetters = Context.ActorOf(DeadLetterStore.Props(stores, files, transport, topology), "dead-letters");
        Context.ActorOf(DeadLetterQueueConsumer.Props(transport, topology, deadLetters), "dead-letter-consumer");
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case ListSites or GetSite or AddSite or UpdateSite or RemoveSite:
                registry.Tell(message, Sender);
                return ValueTask.CompletedTask;
            case RecordDeadLetter or ListDeadLetters or ShowDeadLetter or ReplayDeadLetters or PurgeDeadLetters:
                deadLetters.Tell(message, Sender);
                return ValueTask.CompletedTask;
            default:
                return Unhandled(message);
        }
    }
}
