using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>Akka.Persistence.Sql appends per second: <c>actors</c> persistent actors, <c>perActor</c> events each, all at once.</summary>
internal static class AkkaJournalScenarios
{
    public static async Task<double> AppendRateAsync(Config config, int actors, int perActor, bool persistAsync)
    {
        var system = ActorSystem.Create("bench-journal", config);
        try
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            var refs = Enumerable.Range(0, actors)
                .Select(i => system.ActorOf(Props.Create(() => new BenchPersistentActor($"bench-{run}-{i}", persistAsync))))
                .ToArray();
            await Task.WhenAll(refs.Select(r => r.Ask<string>("ready", TimeSpan.FromSeconds(60))));
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(refs.Select(r => r.Ask<int>(new BenchPersistentActor.Run(perActor), TimeSpan.FromMinutes(10))));
            return actors * perActor / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await system.Terminate();
        }
    }
}
