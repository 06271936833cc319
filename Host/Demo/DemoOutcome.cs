namespace QueueActors.Host.Demo;

/// <summary>How a demo run ended.</summary>
/// <param name="Finished">True when every published event was handled or dead-lettered in time.</param>
/// <param name="Counts">Per queue, then the total.</param>
/// <param name="Elapsed">From the first publish to the end.</param>
/// <param name="DataDirectory">Where the node's database and dead letters are (or were).</param>
/// <param name="Kept">False when the demo removes <paramref name="DataDirectory"/> as it ends.</param>
public sealed record DemoOutcome(bool Finished, IReadOnlyList<DemoQueueCounts> Counts, TimeSpan Elapsed, string DataDirectory, bool Kept);
