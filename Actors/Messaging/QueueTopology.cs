using System.Collections.Concurrent;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Messaging;

/// <summary>
/// (site, queue) → broker queue. A pair matched by a breakout rule has its own broker queue
/// <c>qa.&lt;site&gt;.&lt;queue&gt;</c>; every other site shares the queue's multiplexed one
/// <c>qa.&lt;queue&gt;</c> (the envelope always carries the site). Queues listed as persistent are durable
/// (quorum queues, persistent messages); the others are transient. Publishers and consumers derive the
/// same <see cref="QueueSpec"/> from here, so their declarations always agree. Besides the configured rules,
/// sites can be broken out at runtime (<see cref="SetSiteBreakout"/>, in <c>QueueTopology.Runtime</c>).
/// </summary>
public sealed partial class QueueTopology(MessagingSettings settings)
{
    /// <summary>The prefix of every broker queue the topology names.</summary>
    public const string Prefix = "qa.";

    /// <summary>The settings the topology follows.</summary>
    public MessagingSettings Settings { get; } = settings;

    // Made once and kept, as every publish asks for them (a broker queue's spec follows from its name and settings).
    private readonly ConcurrentDictionary<string, string> _sharedNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueSpec> _specs = new(StringComparer.Ordinal);

    /// <summary>
    /// The dead-letter records' queue: always durable; single active consumer, so that of the seed nodes' store
    /// consumers one takes records at a time; a delivery its consumer rejects as not a record goes to
    /// <see cref="InvalidDeadLetterQueue"/> rather than being dropped.
    /// </summary>
    public QueueSpec DeadLetterSpec => Spec(Settings.DeadLetterQueue, durable: true) with { SingleActiveConsumer = true, DeadLetterQueue = InvalidDeadLetterQueue };

    /// <summary>Where deliveries on the dead-letter queue that are not dead-letter records are kept (<c>&lt;dead-letter-queue&gt;.invalid</c>).</summary>
    public string InvalidDeadLetterQueue => Settings.DeadLetterQueue + ".invalid";

    /// <summary>Sites named in breakout rules, configured or set at runtime (served by every worker that handles their queues).</summary>
    public IReadOnlyList<string> NamedSites =>
        Settings.Breakout.Where(rule => rule.Site is not null).Select(rule => rule.Site!).Concat(Volatile.Read(ref _runtime).Keys).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether the pair has its own broker queue (by a configured rule or a runtime one).</summary>
    public bool IsBreakout(string site, string queue)
    {
        if (IsPartitioned(queue))
        {
            return false; // its partitions are its broker queues, whatever the site
        }

        foreach (var rule in Settings.Breakout) // a loop, not Any(): every publish asks, and a lambda capturing both names costs an allocation
        {
            if (rule.Matches(site, queue))
            {
                return true;
            }
        }

        return Volatile.Read(ref _runtime).TryGetValue(site, out var queues) && queues.Contains(queue);
    }

    /// <summary>Whether some site may still use the shared broker queue of <paramref name="queue"/> (no <c>*/queue</c> or <c>*/*</c> rule).</summary>
    public bool HasSharedQueue(string queue) => !Settings.Breakout.Any(rule => rule.Site is null && (rule.Queue is null || rule.Queue == queue));

    /// <summary>Whether the queue's broker queues are durable.</summary>
    public bool IsPersistent(string queue) => Settings.Persistent.Contains(queue);

    /// <summary>The broker queue that carries the pair's events.</summary>
    public string BrokerQueueFor(string site, string queue)
    {
        QueueNames.ValidateSite(site);
        QueueNames.ValidateQueue(queue);
        return IsBreakout(site, queue) ? BreakoutQueue(site, queue) : SharedQueue(queue);
    }

    /// <summary>The declaration of the pair's broker queue.</summary>
    public QueueSpec SpecFor(string site, string queue) =>
        _specs.GetOrAdd(BrokerQueueFor(site, queue), static (brokerQueue, state) => state.Topology.Spec(brokerQueue, state.Durable), (Topology: this, Durable: IsPersistent(queue)));

    /// <summary>The declaration of the queue's shared (multiplexed) broker queue.</summary>
    public QueueSpec SharedSpec(string queue) => Spec(SharedQueue(QueueNames.ValidateQueue(queue)), IsPersistent(queue));

    /// <summary>The declaration of the pair's own broker queue, whether or not a rule breaks it out.</summary>
    public QueueSpec BreakoutSpec(string site, string queue) =>
        Spec(BreakoutQueue(QueueNames.ValidateSite(site), QueueNames.ValidateQueue(queue)), IsPersistent(queue));

    private QueueSpec Spec(string brokerQueue, bool durable) => new(brokerQueue, durable) { Classic = durable && Settings.ClassicDurableQueues };

    private string SharedQueue(string queue) => _sharedNames.GetOrAdd(queue, static q => Prefix + q);

    private static string BreakoutQueue(string site, string queue) => $"{Prefix}{site}.{queue}";
}
