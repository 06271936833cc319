namespace QueueActors.Actors.Processing;

/// <summary>How one logical queue runs on a node: <c>queue-defaults</c> overlaid with <c>queue-overrides.&lt;queue&gt;</c>.</summary>
/// <param name="Concurrency">Handler actors working on the queue at once.</param>
/// <param name="Prefetch">Unacknowledged events the broker hands ahead (at least <paramref name="Concurrency"/>).</param>
/// <param name="Timeout">How long one event (or batch) may take before it counts as failed.</param>
/// <param name="BatchSize">The most events a batch handler gets at once.</param>
/// <param name="DefaultSite">
/// The site assumed for a plain event (from a producer that is not QueueActors, so without a site of ours)
/// whose <paramref name="SiteField"/> names none; null: such an event goes to dead letters.
/// </param>
/// <param name="SiteField">The top-level JSON property of a plain event's body that names its site; null: none is read.</param>
/// <param name="RateLimit">Events per second over every node that consumes the queue; null: no limit.</param>
public sealed record QueueSettings(int Concurrency, ushort Prefetch, TimeSpan Timeout, int BatchSize, string? DefaultSite = null, string? SiteField = null, RateLimit? RateLimit = null);
