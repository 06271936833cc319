namespace QueueActors.Benchmarks;

/// <summary>Between runs: a full collection, so that one run's garbage is not collected during the next.</summary>
internal static class BenchmarkGc
{
    internal static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
