namespace QueueActors.Actors.Config;

/// <summary>Who this node is: <c>queueactors.node</c> and <c>queueactors.shutdown-timeout</c>.</summary>
public sealed record NodeSettings
{
    public const string WorkerRole = "worker";
    public const string SeedRole = "seed";

    /// <summary>The longest node name (a host name fits); a name goes into every status, reply and log line.</summary>
    public const int MaxNameLength = 255;

    /// <summary>What a node name may hold, for messages.</summary>
    public const string NameRule = "1 to 255 ASCII letters, digits, '-', '_', '.' or ':', starting with a letter or digit";

    /// <summary>The node's name in the cluster.</summary>
    public required string Name { get; init; }

    /// <summary>What the node runs: <see cref="WorkerRole"/> (handlers) and/or <see cref="SeedRole"/> (control plane).</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>How long a graceful stop waits for handlers before the process exits.</summary>
    public required TimeSpan ShutdownTimeout { get; init; }

    /// <summary>How long the node waits for one of its own actors to answer an ask (<c>queueactors.node.ask-timeout</c>).</summary>
    public required TimeSpan AskTimeout { get; init; }

    /// <summary>
    /// The working set past which the node counts as over its memory (<c>queueactors.node.soft-memory-limit</c>, bytes;
    /// <c>auto</c>: 90 % of <see cref="MemoryLimit"/>); null: off. Past it a running node drains and exits (Host/Node/Memory).
    /// </summary>
    public long? SoftMemoryLimit { get; init; }

    /// <summary>The memory a node must stay under, e.g. its container's (<c>queueactors.node.memory-limit</c>, bytes); null: off.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>How often a node compares its working set with <see cref="SoftMemoryLimit"/> (<c>memory-check-interval</c>).</summary>
    public TimeSpan MemoryCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the node logs its memory at <see cref="DebugMemoryInterval"/> (<c>debug-memory</c>).</summary>
    public bool DebugMemory { get; init; }

    /// <summary>How often <see cref="DebugMemory"/> logs (<c>debug-memory-interval</c>).</summary>
    public TimeSpan DebugMemoryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Worker processes <c>run</c> starts (<c>queueactors.node.workers</c>): 1 runs the node in this process.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Failed starts of one worker within <see cref="WorkerStartWindow"/> after which the master stops starting it.</summary>
    public int WorkerStartFailures { get; init; } = 5;

    /// <summary>The window in which <see cref="WorkerStartFailures"/> are counted.</summary>
    public TimeSpan WorkerStartWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static NodeSettings FromConfig(HoconConfig config)
    {
        var node = config.GetConfig("queueactors.node");
        var roles = node.GetStringList("roles");
        if (roles.Count == 0 || roles.Any(role => role is not (WorkerRole or SeedRole)))
        {
            throw node.InvalidValue("roles", $"a non-empty list of roles among {WorkerRole}, {SeedRole}");
        }

        var name = SettingRules.NonBlankString(node, "name");
        var memoryLimit = SizeOrOff(node, "memory-limit");
        return new NodeSettings
        {
            Name = IsValidName(name) ? name : throw node.InvalidValue("name", $"a node name ({NameRule})"),
            Roles = roles,
            ShutdownTimeout = SettingRules.PositiveDuration(config, "queueactors.shutdown-timeout"),
            AskTimeout = SettingRules.PositiveDuration(node, "ask-timeout"),
            SoftMemoryLimit = SoftMemoryLimitOf(node, memoryLimit),
            MemoryLimit = memoryLimit,
            MemoryCheckInterval = SettingRules.PositiveDuration(node, "memory-check-interval"),
            DebugMemory = node.GetBool("debug-memory"),
            DebugMemoryInterval = SettingRules.PositiveDuration(node, "debug-memory-interval"),
            Workers = SettingRules.IntAtLeast(node, "workers", 1),
            WorkerStartFailures = SettingRules.IntAtLeast(node, "worker-start-failures", 1),
            WorkerStartWindow = SettingRules.PositiveDuration(node, "worker-start-window"),
        };
    }

    /// <summary>
    /// <paramref name="name"/> as part of a file name in the data directory (the handling journal, the control nonces):
    /// as it is when it makes a plain file name, else a hash of it (a name may hold ':' or be 255 characters long).
    /// </summary>
    public static string FileNameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = name.Length is > 0 and <= 64 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return plain ? name : "node-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];
    }

    // auto: 90 % of memory-limit when there is one (StatusNet's soft limit below the hard one), else off.
    private static long? SoftMemoryLimitOf(HoconConfig node, long? memoryLimit) =>
        node.GetString("soft-memory-limit") == "auto" ? memoryLimit * 9 / 10 : SizeOrOff(node, "soft-memory-limit", "auto, ");

    private static long? SizeOrOff(HoconConfig node, string key, string alternatives = "")
    {
        var text = node.GetString(key);
        if (text == "off")
        {
            return null;
        }

        return HoconUnits.TryParseBytes(text, out var bytes) && bytes >= 1024 * 1024 ? bytes : throw node.InvalidValue(key, $"{alternatives}off, or a size of at least 1MiB");
    }

    /// <summary>True when <paramref name="name"/> follows <see cref="NameRule"/>.</summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetterOrDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
    }
}
