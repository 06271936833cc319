namespace QueueActors.Host.Node.Memory;

/// <summary>What <see cref="MemoryWatchService"/> decided, read by <c>run</c> after the node stopped to pick its exit code.</summary>
public sealed class MemoryStop
{
    private volatile int _reason;

    public MemoryStopReason Reason => (MemoryStopReason)_reason;

    internal void Set(MemoryStopReason reason) => _reason = (int)reason;
}
