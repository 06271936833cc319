using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Node.Memory;

internal static partial class MemoryLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Node {Node} passed its soft memory limit: working set {WorkingSetMiB} MiB > soft limit {LimitMiB} MiB; it stops taking deliveries, finishes in-flight work, hands the rest back and exits (code 7) to be started fresh")]
    public static partial void SoftLimitPassed(ILogger logger, string node, long workingSetMiB, long limitMiB);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Node {Node} is over its memory limit at start: working set {WorkingSetMiB} MiB > soft limit {LimitMiB} MiB; it stops (code 8) instead of being started again and again: raise queueactors.node.soft-memory-limit (or memory-limit)")]
    public static partial void OverLimitAtStart(ILogger logger, string node, long workingSetMiB, long limitMiB);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Memory of {Node}: working set {WorkingSetMiB} MiB, GC heap {HeapMiB} MiB, collections gen0 {Gen0} gen1 {Gen1} gen2 {Gen2}, allocated {AllocatedMiB} MiB in all")]
    public static partial void DebugMemory(ILogger logger, string node, long workingSetMiB, long heapMiB, int gen0, int gen1, int gen2, long allocatedMiB);
}
