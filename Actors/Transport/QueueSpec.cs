namespace QueueActors.Actors.Transport;

/// <summary>
/// How a broker queue is declared. Every transport honours the same meaning:
/// <list type="number">
/// <item><see cref="Durable"/>: survives a broker restart with its messages (RabbitMQ: a quorum queue and
/// persistent messages); otherwise transient (RabbitMQ: a classic, non-durable queue).</item>
/// <item><see cref="Classic"/>: a durable queue that is a classic queue rather than a quorum queue (one node
/// holds it; its broker only flags redeliveries instead of counting them); for brokers or benchmarks where
/// replication is not wanted.</item>
/// <item><see cref="SingleActiveConsumer"/>: of all consumers only one gets messages at a time (a
/// cluster-wide singleton); the next takes over when it goes.</item>
/// <item><see cref="DeliveryLimit"/>: a message returned more than this many times (rejected with requeue,
/// or left unacknowledged by a consumer that died) is dead-lettered by the broker itself, so a poison
/// message that kills its worker cannot loop forever. Needs <see cref="Durable"/>.</item>
/// <item><see cref="DeadLetterQueue"/>: where the broker puts dead-lettered messages (rejected without
/// requeue, or over the delivery limit); without it they are dropped.</item>
/// </list>
/// Declaring the same name twice with another spec is an error on RabbitMQ (PRECONDITION_FAILED).
/// </summary>
public sealed record QueueSpec(string BrokerQueue, bool Durable)
{
    /// <summary>Names under this prefix belong to the transport (delay buckets).</summary>
    public const string ReservedPrefix = "qa.delay.";

    /// <summary>With <see cref="Durable"/>: a classic durable queue instead of a quorum queue.</summary>
    public bool Classic { get; init; }

    /// <summary>Only one consumer at a time gets messages.</summary>
    public bool SingleActiveConsumer { get; init; }

    /// <summary>Returns (redeliveries) allowed before the broker dead-letters a message; null: unlimited.</summary>
    public int? DeliveryLimit { get; init; }

    /// <summary>The broker queue that receives dead-lettered messages; declared with the same durability.</summary>
    public string? DeadLetterQueue { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first rule the spec breaks.</summary>
    internal void Validate()
    {
        ValidateName(BrokerQueue, nameof(BrokerQueue));
        if (DeadLetterQueue is not null)
        {
            ValidateName(DeadLetterQueue, nameof(DeadLetterQueue));
            if (DeadLetterQueue == BrokerQueue)
            {
                throw new ArgumentException($"Queue {BrokerQueue}: the dead-letter queue must be another queue.", nameof(DeadLetterQueue));
            }
        }

        if (DeliveryLimit is { } limit)
        {
            if (limit < 0)
            {
                throw new ArgumentException($"Queue {BrokerQueue}: the delivery limit must be 0 or more, not {limit}.", nameof(DeliveryLimit));
            }

            if (!Durable || Classic)
            {
                throw new ArgumentException($"Queue {BrokerQueue}: a delivery limit needs a durable quorum queue.", nameof(DeliveryLimit));
            }
        }
    }

    internal static void ValidateName(string? name, string parameter)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A broker queue name must not be empty.", parameter);
        }

        if (System.Text.Encoding.UTF8.GetByteCount(name) > 200)
        {
            throw new ArgumentException($"Broker queue name {name[..40]}… is longer than 200 bytes.", parameter);
        }

        if (name.StartsWith("amq.", StringComparison.Ordinal) || name.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Broker queue name {name} uses a reserved prefix (amq. or {ReservedPrefix}).", parameter);
        }
    }
}
