namespace QueueActors.Host.Node.Memory;

/// <summary>Why <see cref="MemoryWatchService"/> stopped the node, if it did.</summary>
public enum MemoryStopReason
{
    /// <summary>It did not.</summary>
    None,

    /// <summary>The working set passed the soft limit while the node ran: a planned restart.</summary>
    SoftLimit,

    /// <summary>The working set was past the soft limit at the first check after start: starting again would loop.</summary>
    OverLimitAtStart,
}
