using System.Globalization;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Node;

/// <summary>
/// The Akka.Cluster seed nodes a node joins through: <c>akka.cluster.seed-nodes</c> of the node's file, else the variable
/// <see cref="Variable"/>, and <c>run --seed-nodes</c> over both. Each is <c>host:port</c> or a full
/// <c>akka.tcp://queueactors@host:port</c>. None: the node is a cluster of one that joins itself.
/// </summary>
public static class NodeSeeds
{
    /// <summary>The environment variable with comma-separated seed nodes (a file's <c>akka.cluster.seed-nodes</c> wins over it).</summary>
    public const string Variable = "QUEUEACTORS_SEED_NODES";

    /// <summary>The HOCON key of the seed nodes, in the <c>akka { }</c> section of the node's file.</summary>
    public const string ConfigPath = "akka.cluster.seed-nodes";

    /// <summary>The seed nodes of a configuration and an environment, as full addresses.</summary>
    /// <exception cref="HoconException">A seed node is not an address of this cluster's actor system.</exception>
    public static IReadOnlyList<string> FromConfig(HoconConfig config, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        if (config.HasPath(ConfigPath))
        {
            var listed = config.GetStringList(ConfigPath);
            var seeds = new List<string>(listed.Count);
            foreach (var seed in listed)
            {
                seeds.Add(TryNormalize(seed) ?? throw config.InvalidValue(ConfigPath, $"host:port or akka.tcp://{NodeAkka.SystemName}@host:port addresses"));
            }

            return seeds;
        }

        if (environment(Variable) is { Length: > 0 } text)
        {
            return Parse(text) ?? throw new HoconException($"the environment variable {Variable}", 1, 1, $"expected comma-separated host:port or akka.tcp://{NodeAkka.SystemName}@host:port addresses, got '{text}'");
        }

        return [];
    }

    /// <summary>Comma-separated seed nodes as full addresses, or null when one of them is not an address.</summary>
    public static IReadOnlyList<string>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seeds = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryNormalize(part) is not { } seed)
            {
                return null;
            }

            seeds.Add(seed);
        }

        return seeds.Count > 0 ? seeds : null;
    }

    /// <summary><c>host:port</c>, <c>akka.tcp://queueactors@host:port</c> or <c>akka.ssl.tcp://…</c> as <c>akka.tcp://queueactors@host:port</c>, or null.</summary>
    public static string? TryNormalize(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var prefix = $"akka.tcp://{NodeAkka.SystemName}@";
        var tlsPrefix = $"{Tls.RemotingTls.Protocol}://{NodeAkka.SystemName}@"; // taken as written; TLS or not is queueactors.cluster.remoting.tls
        var hostPort = seed.StartsWith(prefix, StringComparison.Ordinal) ? seed[prefix.Length..].TrimEnd('/')
            : seed.StartsWith(tlsPrefix, StringComparison.Ordinal) ? seed[tlsPrefix.Length..].TrimEnd('/') : seed;
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || hostPort.Contains('/', StringComparison.Ordinal) || hostPort.Contains('@', StringComparison.Ordinal)
            || !int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        return prefix + hostPort;
    }
}
