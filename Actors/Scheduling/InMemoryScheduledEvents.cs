using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Scheduling;

/// <summary>
/// Scheduled events for the test harness (with <see cref="Transport.InMemory.InMemoryTransport"/>): held in this
/// process, each on a timer of the harness's <see cref="TimeProvider"/>, so a test with a manual clock delivers them
/// by advancing it. Nothing here survives the process, which is right for a harness and wrong for a node: nodes use
/// the database stores (<c>Scheduling/Sql</c>). <see cref="DeliverDue"/> delivers held events at once, without a clock.
/// </summary>
public sealed class InMemoryScheduledEvents(ITransport transport, TimeProvider? timeProvider = null) : IScheduledEvents, IDisposable
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    /// <remarks>
    /// Published to <paramref name="brokerQueue"/> when due, without a key: a test that changes the topology (a breakout,
    /// a partition count) while this holds the event gets it where it was scheduled for.
    /// </remarks>
    public ValueTask ScheduleAsync(string brokerQueue, Envelope envelope, DateTimeOffset dueAt, string? partitionKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var held = new Held(this, brokerQueue, envelope, dueAt);
        lock (_gate)
        {
            _held.Add(envelope.MessageId, held);
            var delay = dueAt - _time.GetUtcNow();
            held.Timer = _time.CreateTimer(static state => ((Held)state!).Owner.Fire(((Held)state!).Envelope.MessageId), held, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledEvent>> ListAsync(string? brokerQueue = null, string? site = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ScheduledEvent>>([.. _held.Values
                .Where(h => (brokerQueue is null || h.BrokerQueue == brokerQueue) && (site is null || h.Envelope.Site == site))
                .OrderBy(static h => h.DueAt)
                .Take(limit)
                .Select(static h => new ScheduledEvent(h.Envelope.MessageId, h.BrokerQueue, h.Envelope.Site, h.Envelope.Queue, h.DueAt, h.Envelope.EnqueuedAt))]);
        }
    }

    /// <inheritdoc />
    public Task<bool> CancelAsync(string messageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_held.Remove(messageId, out var held))
            {
                return Task.FromResult(false);
            }

            held.Timer?.Dispose();
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledQueueSummary>> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ScheduledQueueSummary>>([.. _held.Values
                .GroupBy(static h => h.BrokerQueue, StringComparer.Ordinal)
                .OrderBy(static g => g.Key, StringComparer.Ordinal)
                .Select(static g => new ScheduledQueueSummary(g.Key, g.Count(), g.Min(static h => h.DueAt)))]);
        }
    }

    /// <summary>
    /// Delivers now every held event due within <paramref name="ahead"/> of the clock (every held event when null), as
    /// if its time had come: a handler test uses a long delay without waiting or moving a clock. Returns how many.
    /// </summary>
    public int DeliverDue(TimeSpan? ahead = null)
    {
        List<Held> due;
        lock (_gate)
        {
            var until = ahead is { } span ? _time.GetUtcNow() + span : DateTimeOffset.MaxValue;
            due = [.. _held.Values.Where(h => h.DueAt <= until).OrderBy(static h => h.DueAt)];
            foreach (var held in due)
            {
                _held.Remove(held.Envelope.MessageId);
                held.Timer?.Dispose();
            }
        }

        foreach (var held in due)
        {
            _ = transport.PublishAsync(held.BrokerQueue, held.Envelope).AsTask();
        }

        return due.Count;
    }

    /// <summary>Stops the timers; the held events are dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var held in _held.Values)
            {
                held.Timer?.Dispose();
            }

            _held.Clear();
        }
    }

    private void Fire(string messageId)
    {
        Held? due;
        lock (_gate)
        {
            if (!_held.TryGetValue(messageId, out due))
            {
                return; // cancelled
            }

            var early = due.DueAt - _time.GetUtcNow();
            if (early > TimeSpan.Zero)
            {
                due.Timer?.Change(early, Timeout.InfiniteTimeSpan); // timers and the clock differ in resolution: never early
                return;
            }

            _held.Remove(messageId);
            due.Timer?.Dispose();
        }

        _ = transport.PublishAsync(due.BrokerQueue, due.Envelope).AsTask();
    }

    private sealed class Held(InMemoryScheduledEvents owner, string brokerQueue, Envelope envelope, DateTimeOffset dueAt)
    {
        public InMemoryScheduledEvents Owner { get; } = owner;

        public string BrokerQueue { get; } = brokerQueue;

        public Envelope Envelope { get; } = envelope;

        public DateTimeOffset DueAt { get; } = dueAt;

        public ITimer? Timer { get; set; }
    }
}
