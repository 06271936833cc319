using QueueActors.Actors.Runtime;

namespace QueueActors.Benchmarks;

/// <summary>Systems with the shipped defaults (TEMPORARY literal until the HOCON binding lands).</summary>
internal static class BenchmarkSystem
{
    public static ActorSystem Create() => ActorSystem.Create("bench", new ActorSystemSettings
    {
        Throughput = 30,
        AskTimeout = TimeSpan.FromSeconds(5),
        MaxNrOfRetries = 10,
        RestartWithin = TimeSpan.FromMinutes(1),
        DeadLetterLogLimit = 10,
        DeadLetterLogInterval = TimeSpan.FromSeconds(10),
    });
}
