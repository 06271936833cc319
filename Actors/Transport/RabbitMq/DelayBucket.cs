namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// A wait queue that holds delayed messages on the broker. How a delayed publish works:
/// <list type="number">
/// <item>The delay is rounded up to one of a fixed, geometric set of buckets: 10 ms, then
/// <see cref="StepsPerDoubling"/> buckets per doubling (each at most 12.3 % above the one before). Jittered
/// backoff therefore spreads over a few neighbouring buckets instead of making one queue per distinct delay:
/// the default backoff (1 s to 10 min, ±20 %) uses at most 60 buckets, where two significant digits made
/// hundreds.</item>
/// <item>The message is published to the bucket's fanout exchange <c>qa.delay.&lt;ms&gt;ms</c> with the
/// target queue as its routing key; the exchange feeds the bucket queue of the same name.</item>
/// <item>The bucket queue has one TTL for all its messages, so they expire in arrival order (no message
/// waits behind a longer one), and dead-letters them to the default exchange, which routes by the original
/// routing key: the target queue.</item>
/// <item>A bucket queue expires (<c>x-expires</c>) once no one has declared it for its TTL plus
/// <see cref="IdleExpiry"/>; publishers re-declare the buckets they use every <see cref="RenewEvery"/>, so a
/// bucket in use never expires with messages in it, and an unused one goes away (its exchange stays: an
/// exchange holds nothing).</item>
/// <item>Buckets of durable targets are quorum queues with at-least-once dead-lettering (a node crash loses
/// no scheduled retry); buckets of transient targets are classic, non-durable
/// (<c>qa.delay.transient.&lt;ms&gt;ms</c>).</item>
/// </list>
/// The <c>ms</c> suffix keeps these names apart from the buckets of earlier versions (<c>qa.delay.&lt;ms&gt;</c>,
/// declared without <c>x-expires</c>): re-declaring one of those with other arguments would be refused.
/// </summary>
internal sealed record DelayBucket(string Name, long Milliseconds, bool Durable)
{
    /// <summary>Buckets per doubling of the delay: 2^(1/6) ≈ 1.122, so a delay waits at most 12.3 % longer.</summary>
    public const int StepsPerDoubling = 6;

    /// <summary>The shortest bucket.</summary>
    public const long MinimumMilliseconds = 10;

    /// <summary>How long a bucket queue stays after its last declaration, beyond its TTL.</summary>
    public static readonly TimeSpan IdleExpiry = TimeSpan.FromMinutes(30);

    /// <summary>How often a publisher that uses a bucket declares it again (which renews its expiry); well below <see cref="IdleExpiry"/>.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(5);

    public static DelayBucket For(TimeSpan delay, bool durable)
    {
        var ms = RoundUp((long)Math.Ceiling(delay.TotalMilliseconds));
        var name = durable ? $"{QueueSpec.ReservedPrefix}{ms}ms" : $"{QueueSpec.ReservedPrefix}transient.{ms}ms";
        return new DelayBucket(name, ms, durable);
    }

    /// <summary>The smallest bucket of at least <paramref name="ms"/> milliseconds.</summary>
    internal static long RoundUp(long ms)
    {
        if (ms <= MinimumMilliseconds)
        {
            return MinimumMilliseconds;
        }

        // The logarithm finds the step; the two loops correct its rounding, so every node names the same bucket.
        var step = (int)Math.Ceiling(StepsPerDoubling * Math.Log2((double)ms / MinimumMilliseconds));
        while (step > 0 && StepMilliseconds(step - 1) >= ms)
        {
            step--;
        }

        while (StepMilliseconds(step) < ms)
        {
            step++;
        }

        return StepMilliseconds(step);
    }

    /// <summary>Every bucket a delay from <paramref name="shortest"/> to <paramref name="longest"/> can use, durable and transient.</summary>
    internal static IEnumerable<DelayBucket> Between(TimeSpan shortest, TimeSpan longest)
    {
        var last = RoundUp((long)Math.Ceiling(longest.TotalMilliseconds));
        for (var ms = RoundUp((long)Math.Ceiling(shortest.TotalMilliseconds)); ms <= last; ms = RoundUp(ms + 1))
        {
            yield return For(TimeSpan.FromMilliseconds(ms), durable: true);
            yield return For(TimeSpan.FromMilliseconds(ms), durable: false);
        }
    }

    private static long StepMilliseconds(int step) => (long)Math.Ceiling(MinimumMilliseconds * Math.Pow(2, step / (double)StepsPerDoubling));

    public Dictionary<string, object?> QueueArguments()
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["x-message-ttl"] = Milliseconds,
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-expires"] = Milliseconds + (long)IdleExpiry.TotalMilliseconds,
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
