using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The acks of one consumer channel, sent as few frames as the order of handling allows. Acking each delivery in a
/// frame of its own was about 40 % of the client's CPU per consumed message (measured with the bare client: 10.1 µs
/// acking each, 6.0 µs acking every tenth with <c>multiple</c>). Here:
/// <list type="number">
/// <item>The broker numbers a channel's deliveries 1, 2, 3… and the consumer registers each in that order
/// (<see cref="Delivered"/>).</item>
/// <item>An ack only marks its delivery (<see cref="Ack"/> returns at once) and, unless one is on its way, queues a
/// flush on the thread pool.</item>
/// <item>The flush takes the run of settled deliveries from the oldest one on and acks the highest acked tag in it
/// with <c>multiple</c>: every delivery up to it is settled, so none still being handled is acked. Acked deliveries
/// beyond one still being handled are acked one by one, so a slow handler never holds the others' prefetch slots.
/// Acks that come while a frame is being written are in the next flush: the busier the queue, the more each frame
/// carries.</item>
/// <item>A reject is sent at once (rare: a hand-back or a stop) and marked settled only once its frame is queued, so
/// a later multiple ack, written after it, never covers it.</item>
/// <item>Before the channel is closed on purpose, <see cref="CloseAsync"/> sends what is marked: an ack never
/// stays behind in memory while its channel is closed (a crash leaves it unsent, as an ack not yet made would be:
/// the broker redelivers). From then on it sends nothing: a frame that reached the broker after the channel's close
/// would be an error on the whole connection (504 CHANNEL_ERROR), and every consumer on it would be lost. What is
/// settled later goes back to the queue with the close.</item>
/// </list>
/// Every frame (flush or reject) is sent under one gate, so frames go out in the order they were computed and none
/// after the close.
/// </summary>
internal sealed class AckBatcher(IChannel channel, string queue, ILogger logger) : IThreadPoolWorkItem
{
    private const byte Pending = 0, Acked = 1, Settled = 2;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private byte[] _states = new byte[64]; // ring indexed by tag: the deliveries from _oldest on
    private ulong _oldest = 1; // the lowest tag not yet settled and flushed
    private ulong _next = 1; // the tag the next delivery must have
    private bool _scheduled;
    private bool _closed; // under _sending: CloseAsync has sent its last frames

    /// <summary>The acks of one flush that go one by one (used by one flush at a time, under <see cref="_sending"/>).</summary>
    private readonly List<ulong> _singles = [];

    /// <summary>The tag the next delivery should have.</summary>
    public ulong Expected
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>Registers a delivery (in the order the channel delivers). False if its tag breaks the sequence.</summary>
    public bool Delivered(ulong tag)
    {
        lock (_gate)
        {
            if (tag != _next)
            {
                return false;
            }

            if (_next - _oldest == (ulong)_states.Length)
            {
                Grow();
            }

            _states[Slot(tag)] = Pending;
            _next++;
            return true;
        }
    }

    /// <summary>Marks the delivery acked; a flush sends it soon.</summary>
    public void Ack(ulong tag)
    {
        lock (_gate)
        {
            _states[Slot(tag)] = Acked;
            if (_scheduled)
            {
                return; // the flush that is coming takes this ack too
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Rejects the delivery now, then marks it settled.</summary>
    public async ValueTask RejectAsync(ulong tag, bool requeue, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return; // the close gives it back
            }

            await channel.BasicRejectAsync(tag, requeue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }

        bool flush;
        lock (_gate)
        {
            _states[Slot(tag)] = Settled;
            flush = !_scheduled;
            _scheduled = true;
        }

        if (flush)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false); // acks behind it may be waiting
        }
    }

    /// <summary>Sends every ack that can be sent now; after it, nothing more (the channel is about to be closed).</summary>
    public Task CloseAsync() => FlushAsync(close: true);

    /// <summary>Sends every ack that can be sent now.</summary>
    private async Task FlushAsync(bool close = false)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            while (!_closed)
            {
                _singles.Clear();
                var upTo = Take(_singles);
                if (upTo == 0 && _singles.Count == 0)
                {
                    break;
                }

                if (upTo > 0)
                {
                    await channel.BasicAckAsync(upTo, multiple: true).ConfigureAwait(false);
                }

                foreach (var tag in _singles)
                {
                    await channel.BasicAckAsync(tag, multiple: false).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (!channel.IsOpen)
        {
            RabbitMqLog.AcksAfterChannelLost(logger, queue); // the broker has requeued them
        }
        finally
        {
            _closed |= close;
            _sending.Release();
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = ScheduledFlushAsync();

    private async Task ScheduledFlushAsync()
    {
        lock (_gate)
        {
            _scheduled = false; // acks from now on schedule another flush, which finds them or nothing
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RabbitMqLog.AckFlushFailed(logger, queue, ex.Message); // unsent acks: the broker delivers those events again
        }
    }

    /// <summary>
    /// Removes the run of settled deliveries from the oldest on and returns the highest acked tag in it (0: none); adds
    /// the acked deliveries beyond it to <paramref name="singles"/>, marked settled (they go one by one).
    /// </summary>
    private ulong Take(List<ulong> singles)
    {
        lock (_gate)
        {
            ulong upTo = 0;
            while (_oldest < _next && _states[Slot(_oldest)] != Pending)
            {
                if (_states[Slot(_oldest)] == Acked)
                {
                    upTo = _oldest;
                }

                _oldest++;
            }

            for (var tag = _oldest; tag < _next; tag++)
            {
                if (_states[Slot(tag)] == Acked)
                {
                    _states[Slot(tag)] = Settled;
                    singles.Add(tag);
                }
            }

            return upTo;
        }
    }

    private int Slot(ulong tag) => (int)(tag % (ulong)_states.Length);

    private void Grow()
    {
        var grown = new byte[_states.Length * 2];
        for (var tag = _oldest; tag < _next; tag++)
        {
            grown[(int)(tag % (ulong)grown.Length)] = _states[Slot(tag)];
        }

        _states = grown;
    }
}
