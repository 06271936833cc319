namespace QueueActors.Benchmarks;

/// <summary>A countdown awaited without blocking a thread (a blocked pool thread would starve the actors measured).</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int remaining = count;

    public Task Task => done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            done.SetResult();
        }
    }
}
