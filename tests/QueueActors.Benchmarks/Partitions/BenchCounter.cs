using System.Collections.Concurrent;

namespace QueueActors.Benchmarks.Partitions;

/// <summary>Counts the measured events handled over every node; remembers which partitions the warm-up reached.</summary>
public sealed class BenchCounter(int events)
{
    private readonly Countdown _handled = new(events);
    private readonly ConcurrentDictionary<int, bool> _warmed = new();

    public Task AllHandled => _handled.Task;

    public int WarmedPartitions => _warmed.Count;

    public void Handled(BenchEvent e)
    {
        if (e.N < 0)
        {
            _warmed[-1 - e.N] = true;
        }
        else
        {
            _handled.Signal();
        }
    }
}
