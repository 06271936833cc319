namespace QueueActors.Actors.Processing;

/// <summary>How one logical queue runs on a node: <c>queue-defaults</c> overlaid with <c>queue-overrides.&lt;queue&gt;</c>.</summary>
/// <param name="Concurrency">Handler actors working on the queue at once.</param>
/// <param name="Prefetch">Unacknowledged events the broker hands ahead (at least <paramref name="Concurrency"/>).</param>
/// <param name="Timeout">How long one event (or batch) may take before it counts as failed.</param>
/// <param name="BatchSize">The most events a batch handler gets at once.</param>
public sealed record QueueSettings(int Concurrency, ushort Prefetch, TimeSpan Timeout, int BatchSize);
