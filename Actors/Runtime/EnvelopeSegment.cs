namespace QueueActors.Actors.Runtime;

/// <summary>
/// A block of a mailbox's user queue. Producers claim a slot with one atomic increment, write the
/// envelope, then mark the slot ready; the producer that claims the first index past the end links
/// the next, larger segment. One allocation per block instead of one per message keeps the
/// allocator and the collector out of the hot path.
/// </summary>
internal sealed class EnvelopeSegment(int capacity)
{
    /// <summary>The first segment of every mailbox: small, since most actors hold few messages at a time.</summary>
    public const int InitialCapacity = 2;

    /// <summary>Segments double up to this many slots, which bounds what an idle actor keeps after a burst.</summary>
    public const int MaxCapacity = 128;

    public readonly Slot[] Slots = new Slot[capacity];

    /// <summary>Slots claimed by producers; may run past the capacity while the next segment is linked.</summary>
    public int Claimed;

    public EnvelopeSegment? Next;

    public int NextCapacity => Math.Min(Slots.Length * 2, MaxCapacity);

    public struct Slot
    {
        public Envelope Envelope;
        public int Ready;
    }
}
