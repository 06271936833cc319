using System.Collections.Concurrent;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;

namespace QueueActors.Host.Demo;

/// <summary>
/// Counts the demo's events as the node reports them (<see cref="IProcessingObserver"/>): handled, retried,
/// dead-lettered per queue, and each handled event's publish→handled latency. <see cref="AllSettled"/>
/// completes when every published event was handled or dead-lettered (each counted once, by message id).
/// </summary>
public sealed class DemoStatistics(TimeProvider time) : IProcessingObserver
{
    private readonly ConcurrentDictionary<string, QueueTally> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _settled = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected = int.MaxValue;
    private int _published;

    /// <summary>Completes when all <see cref="Expect"/>ed events are settled.</summary>
    public Task AllSettled => _allSettled.Task;

    /// <summary>Events published so far.</summary>
    public int Published => Volatile.Read(ref _published);

    /// <summary>Distinct events handled or dead-lettered so far.</summary>
    public int Settled => _settled.Count;

    /// <summary>Sets how many events the burst has.</summary>
    public void Expect(int events)
    {
        Volatile.Write(ref _expected, events);
        CheckDone();
    }

    /// <summary>Counts one published event.</summary>
    public void OnPublished(string queue)
    {
        Interlocked.Increment(ref Tally(queue).Published);
        Interlocked.Increment(ref _published);
    }

    public void OnHandled(HandledEvent handled)
    {
        var tally = Tally(handled.Envelope.Queue);
        var latency = time.GetUtcNow() - handled.Envelope.EnqueuedAt;
        lock (tally.Latencies)
        {
            tally.Latencies.Add(latency);
        }

        Interlocked.Increment(ref tally.Handled);
        Settle(handled.Envelope.MessageId);
    }

    public void OnRetried(RetriedEvent retried) => Interlocked.Increment(ref Tally(retried.Envelope.Queue).Retried);

    public void OnDeadLettered(DeadLetterRecord record)
    {
        Interlocked.Increment(ref Tally(record.Queue).DeadLettered);
        Settle(record.MessageId);
    }

    /// <summary>The counts of each queue in <paramref name="queues"/>' order, then the total.</summary>
    public IReadOnlyList<DemoQueueCounts> Snapshot(IReadOnlyList<string> queues)
    {
        var rows = queues.Select(queue => Count(queue, [Tally(queue)])).ToList();
        rows.Add(Count("total", queues.Select(Tally).ToList()));
        return rows;
    }

    /// <summary>Totals over every queue so far (for the progress line).</summary>
    public (int Handled, int Retried, int DeadLettered) Totals() =>
        (_queues.Values.Sum(t => Volatile.Read(ref t.Handled)), _queues.Values.Sum(t => Volatile.Read(ref t.Retried)), _queues.Values.Sum(t => Volatile.Read(ref t.DeadLettered)));

    private static DemoQueueCounts Count(string name, IReadOnlyList<QueueTally> tallies)
    {
        var latencies = new List<TimeSpan>();
        foreach (var tally in tallies)
        {
            lock (tally.Latencies)
            {
                latencies.AddRange(tally.Latencies);
            }
        }

        latencies.Sort();
        return new DemoQueueCounts(
            name,
            tallies.Sum(t => Volatile.Read(ref t.Published)),
            tallies.Sum(t => Volatile.Read(ref t.Handled)),
            tallies.Sum(t => Volatile.Read(ref t.Retried)),
            tallies.Sum(t => Volatile.Read(ref t.DeadLettered)),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99));
    }

    // Nearest rank: the smallest latency that at least that share of events did not exceed.
    private static TimeSpan? Percentile(List<TimeSpan> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private QueueTally Tally(string queue) => _queues.GetOrAdd(queue, static _ => new QueueTally());

    private void Settle(string messageId)
    {
        if (_settled.TryAdd(messageId, 0))
        {
            CheckDone();
        }
    }

    private void CheckDone()
    {
        if (_settled.Count >= Volatile.Read(ref _expected))
        {
            _allSettled.TrySetResult();
        }
    }

    private sealed class QueueTally
    {
        public readonly List<TimeSpan> Latencies = [];
        public int Published;
        public int Handled;
        public int Retried;
        public int DeadLettered;
    }
}
