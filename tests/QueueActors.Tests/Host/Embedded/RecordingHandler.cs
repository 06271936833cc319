using QueueActors.Actors.Processing;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>Records every event it handles in the node's <see cref="HandledRecorder"/>.</summary>
public sealed class RecordingHandler(HandledRecorder recorder) : IQueueHandler<RecordedEvent>
{
    public ValueTask HandleAsync(RecordedEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        recorder.Record(context.MessageId, @event.Text);
        return ValueTask.CompletedTask;
    }
}
