using QueueActors.Actors.Processing;
using QueueActors.Actors.Push;

namespace QueueActors.TestWorker;

/// <summary>
/// <c>QA_WORKER_HANDLER=push</c>: pushes each event to the channel its text names (event type <c>note</c>, payload
/// <c>{"label": action}</c>) and then leaves a marker file <c>pushed.&lt;messageId&gt;</c> in <c>QA_WORKER_OUT</c>.
/// </summary>
public sealed class PushingHandler(IClientPush push) : IQueueHandler<WorkerCommand>
{
    public const string Name = "push";

    private readonly string _out = Environment.GetEnvironmentVariable(WorkerCommandHandler.OutVariable) ?? throw new InvalidOperationException($"{WorkerCommandHandler.OutVariable} is not set");

    public async ValueTask HandleAsync(WorkerCommand @event, HandlerContext context, CancellationToken cancellationToken)
    {
        await push.PushAsync(PushChannel.Parse(@event.Text), "note", new { label = @event.Action }, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(_out, "pushed." + context.MessageId), [], cancellationToken).ConfigureAwait(false);
    }
}
