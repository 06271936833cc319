using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing.Handlers;

/// <summary>Invokes an <see cref="IBatchHandler{T}"/>.</summary>
internal sealed class BatchInvoker<T>(Type handlerType) : HandlerInvoker(handlerType)
{
    public override bool IsBatch => true;

    public override bool TryDecode(Envelope envelope, out object? decoded, out Exception? error) => TryDecode<T>(envelope, out decoded, out error);

    public override ValueTask InvokeAsync(object handler, IReadOnlyList<DecodedEvent> events, CancellationToken cancellationToken)
    {
        var batch = new QueuedEvent<T>[events.Count];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = new QueuedEvent<T>((T)events[i].Event, events[i].Context);
        }

        return ((IBatchHandler<T>)handler).HandleBatchAsync(batch, cancellationToken);
    }
}
