namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The <c>queue.declare</c> arguments of a <see cref="QueueSpec"/>: durable → quorum queue (classic durable
/// when <see cref="QueueSpec.Classic"/>); transient → classic non-durable queue. Classic queues get no type
/// argument, so that a plain declaration elsewhere matches them.
/// </summary>
/// <remarks>
/// No <c>x-delivery-limit</c> is set on work queues: crashes are counted by the node's handling journal, not
/// by the broker, so prefetched events of killed workers must not be dropped by a broker-side limit.
/// RabbitMQ 3.x quorum queues have no limit by default; RabbitMQ 4.0+ applies a default limit of 20 to
/// quorum queues, which an operator lifts with a policy (<c>delivery-limit: -1</c>).
/// </remarks>
internal static class QueueArguments
{
    public static Dictionary<string, object?> For(QueueSpec spec)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (spec.Durable && !spec.Classic)
        {
            arguments["x-queue-type"] = "quorum";
        }

        if (spec.SingleActiveConsumer)
        {
            arguments["x-single-active-consumer"] = true;
        }

        if (spec.DeliveryLimit is { } limit)
        {
            arguments["x-delivery-limit"] = limit;
        }

        if (spec.DeadLetterQueue is { } deadLetters)
        {
            // The default exchange routes by queue name.
            arguments["x-dead-letter-exchange"] = string.Empty;
            arguments["x-dead-letter-routing-key"] = deadLetters;
        }

        return arguments;
    }

    /// <summary>The dead-letter queue of <paramref name="spec"/>: same durability, nothing else.</summary>
    public static QueueSpec? DeadLetterSpec(QueueSpec spec) =>
        spec.DeadLetterQueue is { } name ? new QueueSpec(name, spec.Durable) { Classic = spec.Classic } : null;
}
