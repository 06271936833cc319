using QueueActors.Actors.Processing;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>Records every event it handles in the node's <see cref="HandledRecorder"/>.</summary>
public sealed class RecordingHandler(HandledRecorder recorder) : IQueueHandler<RecordedEvent>
{
    public async ValueTask HandleAsync(RecordedEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        if (@event.Text == "hold")
        {
            await recorder.HoldAsync(cancellationToken); // a test's event in flight until it releases it
        }

        recorder.Record(context.MessageId, @event.Text);
    }
}
