using QueueActors.Host.Node;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// The nodes <c>ctl</c> contacts (any node runs a receptionist): <c>--seed</c> over the configuration's and
/// environment's seed nodes (<see cref="NodeSeeds"/>, as a node joins), else the contact point the node on this data
/// directory wrote (<see cref="ContactPointFile"/>, the embedded node).
/// </summary>
public static class CtlContactPoints
{
    /// <param name="seedOption"><c>--seed</c>'s values, checked by its validator already.</param>
    /// <exception cref="ArgumentException">There is no contact point at all.</exception>
    /// <exception cref="Actors.Config.HoconException">The configured seed nodes are not addresses.</exception>
    public static IReadOnlyList<string> Resolve(NodeOptions options, string[]? seedOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (seedOption is { Length: > 0 })
        {
            return NodeSeeds.Parse(string.Join(',', seedOption)) ?? throw new ArgumentException("--seed takes host:port addresses");
        }

        var seeds = NodeSeeds.FromConfig(options.Config, environment);
        if (seeds.Count > 0)
        {
            return seeds;
        }

        return ContactPointFile.Read(options.Sqlite.DataDirectory) is { } address
            ? [address]
            : throw new ArgumentException(
                $"no node to contact: give --seed host:port, set {NodeSeeds.Variable} or {NodeSeeds.ConfigPath}, or run ctl with the data directory of a running node " +
                $"({ContactPointFile.PathIn(options.Sqlite.DataDirectory)} does not exist; {NodeOptions.DataDirectoryOption} DIR or {CommandBackends.DataDirectoryVariable})");
    }
}
