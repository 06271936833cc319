using QueueActors.Actors.Config;
using QueueActors.Actors.Runtime;

namespace QueueActors.Host.Node;

/// <summary>Everything a node starts from, read and validated once before anything starts.</summary>
public sealed record NodeOptions(HoconConfig Config, NodeSettings Node, ActorSystemSettings Actors, string? ConfigFile)
{
    /// <param name="configFile">The operator's file, or null for the defaults.</param>
    /// <param name="roles">Roles forced by the executable (the seed node), or null for the configured ones.</param>
    public static NodeOptions Load(string? configFile, IReadOnlyList<string>? roles)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new FileNotFoundException($"configuration file {configFile} does not exist", configFile);
        }

        var config = ConfigLoader.Load(configFile);
        var node = NodeSettings.FromConfig(config);
        return new NodeOptions(config, roles is null ? node : node with { Roles = roles }, ActorSettingsBinding.FromConfig(config), configFile);
    }
}
