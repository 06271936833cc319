using System.Runtime.CompilerServices;

namespace QueueActors.Actors.Runtime;

/// <summary>
/// Dmitry Vyukov's unbounded multi-producer single-consumer queue: one exchange per enqueue, no
/// locks, and an empty queue costs one node, which keeps idle actors small. It is a mutable struct
/// on purpose: it lives inline in the mailbox's fields and must never be copied.
/// </summary>
internal struct MpscQueue<T>
{
    private Node head;
    private Node tail;

    public MpscQueue()
    {
        head = tail = new Node();
    }

    /// <summary>
    /// True when an enqueue has begun. It reads the producers' end, which every enqueue moves with a
    /// full-fence exchange before it looks at the consumer's status; that pairing is what rules out a
    /// lost wake-up. An item may still be linking in, so TryDequeue can briefly fail while this is true.
    /// </summary>
    public readonly bool HasItems => Volatile.Read(ref Unsafe.AsRef(in head)) != tail;

    public void Enqueue(T value)
    {
        var node = new Node { Value = value };
        var previous = Interlocked.Exchange(ref head, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out T value)
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

    private sealed class Node
    {
        public T Value = default!;
        public Node? Next;
    }
}
