using QueueActors.Actors.Config;
using QueueActors.Actors.Runtime;

namespace QueueActors.Benchmarks;

/// <summary>Systems with the shipped defaults of hocon/reference.conf, as a user gets them.</summary>
internal static class BenchmarkSystem
{
    private static readonly ActorSystemSettings Settings = ActorSettingsBinding.FromConfig(ConfigLoader.Reference);

    public static ActorSystem Create() => ActorSystem.Create("bench", Environment.GetEnvironmentVariable("TP") is { } tp ? Settings with { Throughput = int.Parse(tp) } : Settings);
}
