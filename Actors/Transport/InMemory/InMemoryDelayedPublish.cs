using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>A message waiting for its delay; <see cref="Timer"/> is set under the transport lock before it can fire.</summary>
internal sealed class InMemoryDelayedPublish(InMemoryTransport transport, string brokerQueue, Envelope envelope)
{
    public ITimer? Timer { get; set; }

    public void Fire()
    {
        lock (transport.Gate)
        {
            if (Timer is { } timer)
            {
                transport.FireDelayed(timer, brokerQueue, envelope);
            }
        }
    }
}
