using QueueActors.Actors.Processing;
using QueueActors.Tests.Host.Embedded;

namespace QueueActors.Tests.Web;

/// <summary>Records each event in <see cref="PageEvents"/>, or throws while its text is set to fail.</summary>
public sealed class PageHandler(PageEvents events) : IQueueHandler<RecordedEvent>
{
    public ValueTask HandleAsync(RecordedEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (events.Fails(@event.Text))
        {
            throw new InvalidOperationException($"{@event.Text} fails on purpose");
        }

        events.Record(@event.Text);
        return ValueTask.CompletedTask;
    }
}
