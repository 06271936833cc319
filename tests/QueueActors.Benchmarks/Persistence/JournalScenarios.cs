using System.Diagnostics;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Runtime;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>Journal appends through persistent actors: each command persisted (committed) before the next.</summary>
internal static class JournalScenarios
{
    /// <summary><paramref name="actors"/> persistent actors, each persisting <paramref name="perActor"/> events one after the other; events per second.</summary>
    public static async Task<double> AppendRateAsync(PersistenceStores stores, int actors, int perActor)
    {
        await using var system = BenchmarkSystem.Create();
        var refs = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new BenchCounterActor(stores, $"bench-{Guid.NewGuid():N}"))))
            .ToArray();
        var remaining = (long)actors * perActor;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        foreach (var actor in refs)
        {
            var left = perActor;
            FunctionRef? replies = null;
            replies = system.CreateFunctionRef((_, _) =>
            {
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    done.TrySetResult();
                }

                if (--left > 0)
                {
                    actor.Tell(new BenchCounterActor.Incremented(1), replies);
                }
            });
            actor.Tell(new BenchCounterActor.Incremented(1), replies);
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        watch.Stop();
        return actors * (double)perActor / watch.Elapsed.TotalSeconds;
    }
}
