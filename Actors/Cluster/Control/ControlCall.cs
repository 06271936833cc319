namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// A request as a client sends it. Without a target it goes to every node, or to the command's default role
/// (<see cref="ControlCommand.DefaultRole"/>: the seed for site and dead-letter commands). <see cref="Mode"/> and
/// <see cref="Timeout"/> default to the command's reply mode and the configured request timeout.
/// </summary>
public sealed record ControlCall(string Command)
{
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? TargetNode { get; init; }

    public string? TargetRole { get; init; }

    public ReplyMode? Mode { get; init; }

    public TimeSpan? Timeout { get; init; }
}
