namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A wait queue that holds delayed messages on the broker. How a delayed publish works:
/// <list type="number">
/// <item>The delay is rounded up to two significant digits (200 ms, 1.3 s, 37 s, 130 s…), so a bucket
/// overshoots by at most 10 % and there are at most 90 buckets per decade.</item>
/// <item>The message is published to the bucket's fanout exchange <c>qa.delay.&lt;ms&gt;</c> with the
/// target queue as its routing key; the exchange feeds the bucket queue of the same name.</item>
/// <item>The bucket queue has one TTL for all its messages, so they expire in arrival order (no message
/// waits behind a longer one), and dead-letters them to the default exchange, which routes by the original
/// routing key: the target queue.</item>
/// <item>Buckets of durable targets are quorum queues with at-least-once dead-lettering (a node crash loses
/// no scheduled retry); buckets of transient targets are classic, non-durable
/// (<c>qa.delay.transient.&lt;ms&gt;</c>).</item>
/// </list>
/// </summary>
internal sealed record DelayBucket(string Name, long Milliseconds, bool Durable)
{
    public static DelayBucket For(TimeSpan delay, bool durable)
    {
        var ms = RoundUp((long)Math.Ceiling(delay.TotalMilliseconds));
        var name = durable ? $"{QueueSpec.ReservedPrefix}{ms}" : $"{QueueSpec.ReservedPrefix}transient.{ms}";
        return new DelayBucket(name, ms, durable);
    }

    /// <summary>Rounds up to two significant digits (at least 10 ms).</summary>
    internal static long RoundUp(long ms)
    {
        if (ms <= 10)
        {
            return 10;
        }

        long step = 1;
        while (ms / step >= 100)
        {
            step *= 10;
        }

        return (ms + step - 1) / step * step;
    }

    public Dictionary<string, object?> QueueArguments()
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["x-message-ttl"] = Milliseconds,
            ["x-dead-letter-exchange"] = string.Empty,
        };
        if (Durable)
        {
            arguments["x-queue-type"] = "quorum";
            arguments["x-dead-letter-strategy"] = "at-least-once";
            arguments["x-overflow"] = "reject-publish"; // required by at-least-once dead-lettering
        }

        return arguments;
    }
}
