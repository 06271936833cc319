using System.Diagnostics;
using QueueActors.Actors.Processing;

namespace QueueActors.TestWorker;

/// <summary>
/// <c>QA_WORKER_HANDLER=count</c>: many events cheaply: each is a line in <see cref="HandledLog"/>; action <c>spin</c>
/// burns CPU for as many milliseconds as its text says first (a CPU-heavy handler for the worker benchmark).
/// </summary>
public sealed class CountingHandler : IQueueHandler<WorkerCommand>
{
    public const string Name = "count";

    public ValueTask HandleAsync(WorkerCommand @event, HandlerContext context, CancellationToken cancellationToken)
    {
        if (@event.Action == "spin")
        {
            var until = Stopwatch.GetTimestamp() + (long)(double.Parse(@event.Text, System.Globalization.CultureInfo.InvariantCulture) * Stopwatch.Frequency / 1000);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(64);
            }
        }

        HandledLog.Append(context.MessageId);
        return ValueTask.CompletedTask;
    }
}
