using System.Runtime.InteropServices;

namespace QueueActors.Actors.Runtime;

/// <summary>
/// An actor's two queues and its status word. User messages go into segments of slots (see
/// <see cref="EnvelopeSegment"/>); system messages, which are rare, into Dmitry Vyukov's linked
/// multi-producer single-consumer queue (one exchange per enqueue, an empty queue costs one stub node).
/// The layout is explicit so that what senders write (the producers' ends, the status) and what the
/// running actor writes on every message (the consumers' ends, the current envelope) lie at least a
/// cache line apart: without the gap each message would pull the line back and forth between cores.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal sealed class Mailbox
{
    public const int Idle = 0;
    public const int Scheduled = 1;

    [FieldOffset(0)]
    private EnvelopeSegment producerSegment;

    [FieldOffset(8)]
    private QueueNode<SystemMessage> systemHead;

    [FieldOffset(16)]
    public int Status;

    [FieldOffset(88)]
    private EnvelopeSegment consumerSegment;

    [FieldOffset(120)]
    private int consumerIndex;

    /// <summary>The consumer's own copy of <c>consumerSegment.Slots</c>: reading it from the segment would
    /// share a cache line with <see cref="EnvelopeSegment.Claimed"/>, which every enqueue increments.</summary>
    [FieldOffset(128)]
    private EnvelopeSegment.Slot[] consumerSlots;

    [FieldOffset(96)]
    private QueueNode<SystemMessage> systemTail;

    /// <summary>The message being handled and its sender (consumer only).</summary>
    [FieldOffset(104)]
    public Envelope Current;

    public Mailbox()
    {
        producerSegment = consumerSegment = new EnvelopeSegment(EnvelopeSegment.InitialCapacity);
        consumerSlots = consumerSegment.Slots;
        systemHead = systemTail = new QueueNode<SystemMessage>();
    }

    /// <summary>
    /// True when an enqueue has begun. It reads the producers' ends, which every enqueue moves with a
    /// full-fence exchange before it reads <see cref="Status"/>; that pairing rules out a lost wake-up.
    /// An item may still be linking in, so a dequeue can briefly fail while this is true.
    /// </summary>
    public bool HasUserMessages
    {
        get
        {
            var segment = Volatile.Read(ref producerSegment);
            return segment != consumerSegment || Volatile.Read(ref segment.Claimed) > consumerIndex;
        }
    }

    public bool HasSystemMessages => Volatile.Read(ref systemHead) != systemTail;

    /// <summary>Producers: claim a slot, fill it, mark it ready; at a segment's end, link the next one.</summary>
    public void EnqueueUser(Envelope envelope)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var segment = Volatile.Read(ref producerSegment);
            var index = Interlocked.Increment(ref segment.Claimed) - 1;
            var slots = segment.Slots;
            if (index < slots.Length)
            {
                slots[index].Envelope = envelope;
                Volatile.Write(ref slots[index].Ready, 1);
                return;
            }

            if (index == slots.Length)
            {
                var next = new EnvelopeSegment(segment.NextCapacity);
                Volatile.Write(ref segment.Next, next);
                Volatile.Write(ref producerSegment, next);
            }
            else
            {
                // Another producer is linking the next segment: wait for it, briefly.
                while (Volatile.Read(ref producerSegment) == segment)
                {
                    spin.SpinOnce();
                }
            }
        }
    }

    public void EnqueueSystem(SystemMessage message) => Enqueue(ref systemHead, message);

    /// <summary>Consumer only: the next ready slot, moving to the next segment at the end of one.</summary>
    public bool TryDequeueUser(out Envelope envelope)
    {
        var slots = consumerSlots;
        var index = consumerIndex;
        if (index == slots.Length)
        {
            var next = Volatile.Read(ref consumerSegment.Next);
            if (next is null)
            {
                envelope = default;
                return false;
            }

            consumerSegment = next;
            consumerSlots = slots = next.Slots;
            consumerIndex = index = 0;
        }

        ref var slot = ref slots[index];
        if (Volatile.Read(ref slot.Ready) == 0)
        {
            envelope = default;
            return false;
        }

        envelope = slot.Envelope;
        slot.Envelope = default;
        consumerIndex = index + 1;
        return true;
    }

    public bool TryDequeueSystem(out SystemMessage message) => TryDequeue(ref systemTail, out message);

    /// <summary>Producers: swap the head, then link the old head to the new node.</summary>
    private static void Enqueue<T>(ref QueueNode<T> head, T value)
    {
        var node = new QueueNode<T> { Value = value };
        var previous = Interlocked.Exchange(ref head, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Consumer only: the stub moves forward, the dequeued node becomes the new stub.</summary>
    private static bool TryDequeue<T>(ref QueueNode<T> tail, out T value)
    {
        var next = Volatile.Read(ref tail.Next);
        if (next is null)
        {
            value = default!;
            return false;
        }

        value = next.Value;
        next.Value = default!;
        tail = next;
        return true;
    }
}
