using System.Runtime;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// What the benchmark process itself spent, as a point to measure from: CPU time of all its threads, bytes
/// allocated, and the time the JIT compiler spent. Per message it says what the client costs independently of how
/// busy the broker and the machine are (a throughput on a shared machine moves with the load; this hardly does).
/// </summary>
internal readonly record struct ClientCost(TimeSpan Cpu, long Allocated, TimeSpan Compiler)
{
    public static ClientCost Now() => new(Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: false), JitInfo.GetCompilationTime());

    /// <summary>The CPU time from this point to <paramref name="later"/>.</summary>
    public TimeSpan Until(ClientCost later) => later.Cpu - Cpu;

    /// <summary>The cost per message since <see cref="Now"/> gave this point.</summary>
    public MessageCost PerMessage(int count)
    {
        var now = Now();
        return new((now.Cpu - Cpu).TotalMicroseconds / count, (now.Allocated - Allocated) / (double)count, (now.Compiler - Compiler).TotalMicroseconds / count);
    }
}
