using QueueActors.TestKit;

namespace QueueActors.Tests.Processing.Runtime;

/// <summary>Holds handlers until released; counts those inside.</summary>
public sealed class HandlerGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;

    public int Inside => Volatile.Read(ref _inside);

    public async ValueTask PassAsync()
    {
        Interlocked.Increment(ref _inside);
        try
        {
            await _open.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public void Release() => _open.TrySetResult();

    public Task WaitForInsideAsync(int count) => AwaitCondition.UntilAsync(() => Inside == count, because: $"{count} handlers held at the gate");
}
