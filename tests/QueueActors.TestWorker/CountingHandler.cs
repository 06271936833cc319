using System.Diagnostics;
using QueueActors.Actors.Processing;

namespace QueueActors.TestWorker;

/// <summary>
/// <c>QA_WORKER_HANDLER=count</c>: many events cheaply: each is a line in <see cref="HandledLog"/>; action <c>spin</c>
/// burns CPU for as many milliseconds as its text says first (a CPU-heavy handler for the worker benchmark), <c>sleep</c> waits
/// as long.
/// </summary>
public sealed class CountingHandler : IQueueHandler<WorkerCommand>
{
    public const string Name = "count";

    public async ValueTask HandleAsync(WorkerCommand @event, HandlerContext context, CancellationToken cancellationToken)
    {
        if (@event.Action == "spin")
        {
            var until = Stopwatch.GetTimestamp() + (long)(Milliseconds(@event) * Stopwatch.Frequency / 1000);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(64);
            }
        }
        else if (@event.Action == "sleep")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Milliseconds(@event)), cancellationToken).ConfigureAwait(false);
        }

        HandledLog.Append(context.MessageId);
    }

    private static double Milliseconds(WorkerCommand @event) => double.Parse(@event.Text, System.Globalization.CultureInfo.InvariantCulture);
}
