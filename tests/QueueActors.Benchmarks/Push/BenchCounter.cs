namespace QueueActors.Benchmarks.Push;

/// <summary>Counts handled events; <see cref="Expect"/> gives a task that completes after so many more.</summary>
public sealed class BenchCounter
{
    private Countdown _countdown = new(1);

    public Task Expect(int count)
    {
        _countdown = new Countdown(count);
        return _countdown.Task;
    }

    public void Signal() => _countdown.Signal();
}
