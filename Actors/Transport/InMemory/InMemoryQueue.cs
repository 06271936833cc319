namespace QueueActors.Actors.Transport.InMemory;

/// <summary>
/// One in-memory broker queue: the ready messages in order and the subscriptions that take them. Every
/// member is called under the transport's lock.
/// </summary>
internal sealed class InMemoryQueue(QueueSpec spec)
{
    private readonly LinkedList<InMemoryMessage> _ready = new();
    private readonly List<InMemorySubscription> _consumers = [];
    private int _next;

    public QueueSpec Spec { get; } = spec;

    public int ReadyCount => _ready.Count;

    public int ConsumerCount => _consumers.Count(c => !c.Stopped);

    public void Enqueue(InMemoryMessage message) => _ready.AddLast(message);

    /// <summary>Puts messages back at the head, oldest first, as a broker does with requeued deliveries.</summary>
    public void ReturnToFront(List<InMemoryMessage> messages)
    {
        messages.Sort(static (a, b) => b.Sequence.CompareTo(a.Sequence));
        foreach (var message in messages)
        {
            _ready.AddFirst(message);
        }
    }

    public long Purge()
    {
        long count = _ready.Count;
        _ready.Clear();
        return count;
    }

    public void Add(InMemorySubscription consumer) => _consumers.Add(consumer);

    public void Remove(InMemorySubscription consumer) => _consumers.Remove(consumer);

    /// <summary>Hands ready messages to consumers with room, round robin (or only to the active one).</summary>
    public void Dispatch()
    {
        while (_ready.First is { } head && PickConsumer() is { } consumer)
        {
            _ready.RemoveFirst();
            consumer.Offer(head.Value);
        }
    }

    private InMemorySubscription? PickConsumer()
    {
        if (Spec.SingleActiveConsumer)
        {
            // The first consumer still registered is the active one; the others wait even when it is full.
            var active = _consumers.Find(static c => !c.Stopped);
            return active is { HasCapacity: true } ? active : null;
        }

        for (var i = 0; i < _consumers.Count; i++)
        {
            var index = (_next + i) % _consumers.Count;
            if (_consumers[index].HasCapacity)
            {
                _next = (index + 1) % _consumers.Count;
                return _consumers[index];
            }
        }

        return null;
    }
}
