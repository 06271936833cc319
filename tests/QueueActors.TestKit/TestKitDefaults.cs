using QueueActors.Actors.Runtime;

namespace QueueActors.TestKit;

/// <summary>The settings test systems run with. TEMPORARY until the HOCON binding lands: then reference.conf.</summary>
public static class TestKitDefaults
{
    public static ActorSystemSettings ActorSystemSettings { get; } = new()
    {
        Throughput = 30,
        AskTimeout = TimeSpan.FromSeconds(5),
        MaxNrOfRetries = 10,
        RestartWithin = TimeSpan.FromMinutes(1),
        DeadLetterLogLimit = 10,
        DeadLetterLogInterval = TimeSpan.FromSeconds(10),
    };
}
