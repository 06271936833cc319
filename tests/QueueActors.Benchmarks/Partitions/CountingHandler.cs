using QueueActors.Actors.Processing;

namespace QueueActors.Benchmarks.Partitions;

/// <summary>Counts each event and does nothing else: the row measures the queue, not the handler.</summary>
public sealed class CountingHandler(BenchCounter counter) : IQueueHandler<BenchEvent>
{
    public ValueTask HandleAsync(BenchEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        counter.Handled(@event);
        return ValueTask.CompletedTask;
    }
}
