using QueueActors.Actors.Processing;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>What the benchmark handler does, set per scenario.</summary>
internal sealed class BenchState
{
    public Func<BenchPayload, ValueTask> OnEvent { get; set; } = _ => ValueTask.CompletedTask;
}

/// <summary>The pipeline's handler: one class, one method, as a user writes it.</summary>
[Queue("bench")]
internal sealed class BenchHandler(BenchState state) : IQueueHandler<BenchPayload>
{
    public ValueTask HandleAsync(BenchPayload @event, HandlerContext context, CancellationToken cancellationToken) => state.OnEvent(@event);
}

/// <summary>Counts acknowledged events (observers are told after the ack).</summary>
internal sealed class AckCounter : IProcessingObserver
{
    private int _count;
    private int _target = int.MaxValue;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(int count)
    {
        _count = 0;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _target, count);
        return _done.Task;
    }

    public void OnHandled(HandledEvent handled)
    {
        if (Interlocked.Increment(ref _count) == Volatile.Read(ref _target))
        {
            _done.TrySetResult();
        }
    }
}
