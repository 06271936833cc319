namespace QueueActors.Host.Demo;

/// <summary>The demo's sites and queues, and which queue each event of the burst goes to.</summary>
public static class DemoQueues
{
    /// <summary>Handled at once, never fails.</summary>
    public const string Welcome = "welcome";

    /// <summary>Fails now and then (<see cref="DigestHandler.FailureRate"/>): retries show, a few run out of them.</summary>
    public const string Digest = "digest";

    /// <summary>Always fails: every event ends in dead letters.</summary>
    public const string Webhook = "webhook";

    /// <summary>The queues in the order the summary lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Welcome, Digest, Webhook];

    /// <summary>The three sites the events are for.</summary>
    public static IReadOnlyList<string> Sites { get; } = ["alpha.example", "beta.example", "gamma.example"];

    /// <summary>Event <paramref name="number"/>'s queue: half welcome, four in ten digest, one in ten webhook.</summary>
    public static string QueueOf(int number) => (number % 10) switch
    {
        < 5 => Welcome,
        < 9 => Digest,
        _ => Webhook,
    };

    /// <summary>Event <paramref name="number"/>'s site: the sites take turns.</summary>
    public static string SiteOf(int number) => Sites[number / 10 % Sites.Count];
}
