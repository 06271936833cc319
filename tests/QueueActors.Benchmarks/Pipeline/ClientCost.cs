namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// What the benchmark process itself spent, as a point to measure from: CPU time of all its threads and bytes
/// allocated. Per message it says what the client costs independently of how busy the broker and the machine
/// are (a throughput on a shared machine moves with the load; this hardly does).
/// </summary>
internal readonly record struct ClientCost(TimeSpan Cpu, long Allocated)
{
    public static ClientCost Now() => new(Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>CPU microseconds and bytes allocated per message since <see cref="Now"/> gave this point.</summary>
    public (double CpuMicros, double Bytes) PerMessage(int count)
    {
        var now = Now();
        return ((now.Cpu - Cpu).TotalMicroseconds / count, (now.Allocated - Allocated) / (double)count);
    }
}
