using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing.Handlers;

/// <summary>Invokes an <see cref="IQueueHandler{T}"/>.</summary>
internal sealed class SingleInvoker<T>(Type handlerType) : HandlerInvoker(handlerType)
{
    public override bool IsBatch => false;

    public override bool TryDecode(Envelope envelope, out object? decoded, out Exception? error) => TryDecode<T>(envelope, out decoded, out error);

    public override ValueTask InvokeAsync(object handler, IReadOnlyList<DecodedEvent> events, CancellationToken cancellationToken) =>
        ((IQueueHandler<T>)handler).HandleAsync((T)events[0].Event, events[0].Context, cancellationToken);
}
