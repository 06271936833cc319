namespace QueueActors.Benchmarks.Pipeline;

/// <summary>Runs <c>count</c> operations with at most <c>window</c> in flight (the publish-with-confirms pattern).</summary>
internal static class Windowed
{
    public static async Task RunAsync(int count, int window, Func<int, Task> operation)
    {
        var inFlight = new Queue<Task>(window);
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
