using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>A message held by an in-memory queue; <see cref="Returns"/> counts how often it came back unsettled.</summary>
internal sealed class InMemoryMessage(Envelope envelope, long sequence)
{
    public Envelope Envelope { get; } = envelope;

    /// <summary>Publish order, so that messages given back together keep their order.</summary>
    public long Sequence { get; } = sequence;

    public int Returns { get; set; }
}
