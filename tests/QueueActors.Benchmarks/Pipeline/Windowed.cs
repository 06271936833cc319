namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// Runs <c>count</c> operations with at most <c>window</c> in flight (the publish-with-confirms pattern). The
/// operations' value tasks are awaited as they are, once each: turning them into tasks would cost the pipeline's
/// pooled ones an allocation that an application awaiting them never pays.
/// </summary>
internal static class Windowed
{
    public static async Task RunAsync(int count, int window, Func<int, ValueTask> operation)
    {
        var inFlight = new Queue<ValueTask>(window);
        for (var i = 0; i < count; i++)
        {
            if (inFlight.Count == window)
            {
                await inFlight.Dequeue();
            }

            inFlight.Enqueue(operation(i));
        }

        while (inFlight.Count > 0)
        {
            await inFlight.Dequeue();
        }
    }

    public static async Task RunAsync<T>(int count, int window, Func<int, ValueTask<T>> operation)
    {
        var inFlight = new Queue<ValueTask<T>>(window);
        for (var i = 0; i < count; i++)
        {
            if (inFlight.Count == window)
            {
                await inFlight.Dequeue();
            }

            inFlight.Enqueue(operation(i));
        }

        while (inFlight.Count > 0)
        {
            await inFlight.Dequeue();
        }
    }
}
