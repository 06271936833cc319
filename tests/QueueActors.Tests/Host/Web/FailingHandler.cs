using QueueActors.Actors.Processing;
using QueueActors.Tests.Host.Embedded;

namespace QueueActors.Tests.Host.Web;

/// <summary>Throws on every event: its events are retried, then dead-lettered.</summary>
public sealed class FailingHandler : IQueueHandler<RecordedEvent>
{
    public ValueTask HandleAsync(RecordedEvent @event, HandlerContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("this handler always fails");
}
