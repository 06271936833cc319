namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// The client's cost per message of one run: CPU µs, bytes allocated, and of that CPU the µs the JIT compiler spent.
/// Every pipeline run starts a node, whose code that runs once per node tiered compilation keeps promoting in the
/// background for several runs; a node that runs for days pays that once. <see cref="CpuWithoutCompilerMicros"/>
/// is the steady state.
/// </summary>
internal readonly record struct MessageCost(double CpuMicros, double Bytes, double CompilerMicros)
{
    public double CpuWithoutCompilerMicros => CpuMicros - CompilerMicros;
}
