namespace QueueActors.Actors.Config;

/// <summary>Who this node is: <c>queueactors.node</c> and <c>queueactors.shutdown-timeout</c>.</summary>
public sealed record NodeSettings
{
    public const string WorkerRole = "worker";
    public const string SeedRole = "seed";

    /// <summary>The node's name in the cluster.</summary>
    public required string Name { get; init; }

    /// <summary>What the node runs: <see cref="WorkerRole"/> (handlers) and/or <see cref="SeedRole"/> (control plane).</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>How long a graceful stop waits for handlers before the process exits.</summary>
    public required TimeSpan ShutdownTimeout { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static NodeSettings FromConfig(HoconConfig config)
    {
        var node = config.GetConfig("queueactors.node");
        var roles = node.GetStringList("roles");
        if (roles.Count == 0 || roles.Any(role => role is not (WorkerRole or SeedRole)))
        {
            throw node.InvalidValue("roles", $"a non-empty list of roles among {WorkerRole}, {SeedRole}");
        }

        return new NodeSettings
        {
            Name = SettingRules.NonBlankString(node, "name"),
            Roles = roles,
            ShutdownTimeout = SettingRules.PositiveDuration(config, "queueactors.shutdown-timeout"),
        };
    }
}
