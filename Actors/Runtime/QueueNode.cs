namespace QueueActors.Actors.Runtime;

/// <summary>A link of a <see cref="Mailbox"/> queue.</summary>
internal sealed class QueueNode<T>
{
    public T Value = default!;
    public QueueNode<T>? Next;
}
