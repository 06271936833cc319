using QueueActors.Actors.Processing;

namespace QueueActors.Benchmarks.Processors;

/// <summary>Counts handled events per queue and lets the benchmark wait for a total.</summary>
internal sealed class HandledCounter : IProcessingObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private (string Queue, int Target, TaskCompletionSource Done)? _waiting;

    public void OnHandled(HandledEvent handled)
    {
        lock (_gate)
        {
            var count = _counts[handled.Envelope.Queue] = _counts.GetValueOrDefault(handled.Envelope.Queue) + 1;
            if (_waiting is { } waiting && waiting.Queue == handled.Envelope.Queue && count >= waiting.Target)
            {
                _waiting = null;
                waiting.Done.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="queue"/> has <paramref name="more"/> more handled events than now.</summary>
    public Task WhenMore(string queue, int more)
    {
        lock (_gate)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting = (queue, _counts.GetValueOrDefault(queue) + more, done);
            return done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        }
    }
}
