using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>
/// A message waiting for its delay; <see cref="Timer"/> is set under the transport lock before it can fire.
/// A timer may fire a little before its due time by the clock's own reading (their resolutions differ),
/// so a tick that comes early re-arms the timer for the rest: the delay is a minimum, as on the broker.
/// </summary>
internal sealed class InMemoryDelayedPublish(InMemoryTransport transport, string brokerQueue, Envelope envelope, TimeProvider time, long dueTimestamp)
{
    public ITimer? Timer { get; set; }

    public void Fire()
    {
        lock (transport.Gate)
        {
            if (Timer is { } timer)
            {
                var early = time.GetElapsedTime(time.GetTimestamp(), dueTimestamp);
                if (early > TimeSpan.Zero)
                {
                    timer.Change(early + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                    return;
                }

                transport.FireDelayed(timer, brokerQueue, envelope);
            }
        }
    }
}
