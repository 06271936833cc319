using QueueActors.Actors.Processing;

namespace QueueActors.TestWorker;

/// <summary>
/// <c>QA_WORKER_HANDLER=leak</c>: keeps 1 MiB per event for the life of the process (written to, so it is in the working
/// set), 20 ms each: its worker passes its soft memory limit after enough events. Each event is a line in <see cref="HandledLog"/>.
/// </summary>
public sealed class LeakingHandler : IQueueHandler<WorkerCommand>
{
    public const string Name = "leak";

    private static readonly List<byte[]> Leaked = [];

    public async ValueTask HandleAsync(WorkerCommand @event, HandlerContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken).ConfigureAwait(false); // at most ~50 MiB/s: a memory check every 200 ms sees it grow
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)1);
        lock (Leaked)
        {
            Leaked.Add(block);
        }

        HandledLog.Append(context.MessageId);
    }
}
