using System.Globalization;

namespace QueueActors.Actors.Processing;

/// <summary>
/// A queue's cluster-wide rate limit, in events per second: written <c>50/s</c> or <c>600/m</c>
/// (<c>queue-overrides.&lt;queue&gt;.rate-limit</c>). Each node consuming the queue handles at most its share,
/// <see cref="ShareFor"/> the number of consumers the broker reports (a partitioned queue's: <see cref="ShareOfPartitions"/>).
/// </summary>
public sealed record RateLimit
{
    /// <param name="eventsPerSecond">Positive and finite.</param>
    public RateLimit(double eventsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        if (!double.IsFinite(eventsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), "A rate limit must be finite.");
        }

        EventsPerSecond = eventsPerSecond;
    }

    /// <summary>The limit over all the nodes consuming the queue.</summary>
    public double EventsPerSecond { get; }

    /// <summary>Reads <c>N/s</c> or <c>N/m</c> (N a positive number); null for anything else.</summary>
    public static RateLimit? TryParse(string text)
    {
        var parts = (text ?? "").Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count) || count <= 0 || !double.IsFinite(count))
        {
            return null;
        }

        return parts[1] switch
        {
            "s" => new RateLimit(count),
            "m" => new RateLimit(count / 60),
            _ => null,
        };
    }

    /// <summary>
    /// One node's share when <paramref name="consumers"/> nodes consume the queue: the limit split equally (a node that
    /// knows of no consumer, itself included, takes the whole limit).
    /// </summary>
    public double ShareFor(int consumers) => EventsPerSecond / Math.Max(1, consumers);

    /// <summary>
    /// One node's share of a partitioned queue's limit: each partition is consumed on exactly one node, so the node
    /// that owns <paramref name="owned"/> of the <paramref name="partitions"/> takes that fraction, and the shares add
    /// up to the limit without asking the broker.
    /// </summary>
    public double ShareOfPartitions(int owned, int partitions) => EventsPerSecond * owned / partitions;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{EventsPerSecond:0.###}/s");
}
