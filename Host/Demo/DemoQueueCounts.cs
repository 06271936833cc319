namespace QueueActors.Host.Demo;

/// <summary>What became of one queue's events (or of all of them) by the end of the demo.</summary>
/// <param name="Queue">The logical queue, or <c>total</c>.</param>
/// <param name="Published">Events published.</param>
/// <param name="Handled">Events their handler finished.</param>
/// <param name="Retried">Failed attempts that were scheduled again (one event can count several times).</param>
/// <param name="DeadLettered">Events that went to dead letters.</param>
/// <param name="P50">Median publish→handled latency of the handled events; null when none was handled.</param>
/// <param name="P99">99th percentile publish→handled latency; null when none was handled.</param>
public sealed record DemoQueueCounts(string Queue, int Published, int Handled, int Retried, int DeadLettered, TimeSpan? P50, TimeSpan? P99);
