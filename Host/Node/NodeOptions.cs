using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Runtime;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Actors.Xmpp;

namespace QueueActors.Host.Node;

/// <summary>Everything a node starts from, read and validated once before anything starts.</summary>
public sealed record NodeOptions(HoconConfig Config, NodeSettings Node, ActorSystemSettings Actors, string? ConfigFile)
{
    /// <summary>The broker servers and how to reach them; no servers means the in-memory transport.</summary>
    public required RabbitMqTransportOptions Broker { get; init; }

    /// <summary>The topology settings (validated here so a bad rule stops the start).</summary>
    public required MessagingSettings Messaging { get; init; }

    /// <summary>The processing settings.</summary>
    public required ProcessingSettings Processing { get; init; }

    /// <summary>The XMPP output (run by workers when enabled).</summary>
    public required XmppSettings Xmpp { get; init; }

    /// <summary>Only one processor (<c>process-queue</c>), or null for all.</summary>
    public ProcessingFilter? Filter { get; init; }

    /// <param name="configFile">The operator's file, or null for the defaults.</param>
    /// <param name="roles">Roles forced by the executable (the seed node), or null for the configured ones.</param>
    /// <param name="brokers">Servers from <c>--broker</c>, replacing the configured ones; null or empty keeps them.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconException">The configuration is malformed or breaks a rule.</exception>
    public static NodeOptions Load(string? configFile, IReadOnlyList<string>? roles, IReadOnlyList<Uri>? brokers = null)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new FileNotFoundException($"configuration file {configFile} does not exist", configFile);
        }

        var config = ConfigLoader.Load(configFile);
        var node = NodeSettings.FromConfig(config);
        return new NodeOptions(config, roles is null ? node : node with { Roles = roles }, ActorSettingsBinding.FromConfig(config), configFile)
        {
            Broker = RabbitMqTransportOptions.FromConfig(config, brokers is { Count: > 0 } ? brokers : null),
            Messaging = MessagingSettings.FromConfig(config),
            Processing = ProcessingSettings.FromConfig(config),
            Xmpp = XmppSettings.FromConfig(config),
        };
    }

    /// <summary>Whether this node runs handlers.</summary>
    public bool IsWorker => Node.Roles.Contains(NodeSettings.WorkerRole);
}
