using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// A sampling allocation profiler inside the process: the runtime raises <c>GCAllocationTick</c> about every
/// 100 KB allocated, naming the type of the object that crossed the mark, so bytes per type are estimated
/// without a trace file. Async state machine boxes carry their method in the type name, which makes the
/// publish and consume paths readable from types alone.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start()
    {
        _bytes.Clear();
        _on = true;
    }

    /// <summary>Stops sampling and prints the <paramref name="top"/> types by estimated bytes per operation.</summary>
    public void Report(string title, int operations, int top = 25)
    {
        _on = false;
        var total = _bytes.Values.Sum();
        Console.WriteLine($"  allocations sampled in {title}: ~{total / (double)operations:0} bytes per operation");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"    {(bytes / (double)operations).ToString("0.0", CultureInfo.InvariantCulture),8} B  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        // AllocationAmount64 is the bytes since the last tick (about 100 KB), attributed to the type that crossed it.
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
