namespace QueueActors.Benchmarks.Partitions;

/// <summary>The benchmark's event: its number (negative: a warm-up event for partition −1 − n).</summary>
public sealed record BenchEvent(int N);
