using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Actors.Xmpp;
using QueueActors.Host.Web;

namespace QueueActors.Host.Node;

/// <summary>Everything a node starts from, read and validated once before anything starts.</summary>
public sealed record NodeOptions(HoconConfig Config, NodeSettings Node, string? ConfigFile)
{
    /// <summary>The setting that puts a broker-less node on the in-memory transport (tests only).</summary>
    public const string InMemoryTransportPath = "queueactors.transport.in-memory";

    /// <summary>The option that overrides <c>queueactors.data-directory</c>; errors about its value name it as their origin.</summary>
    public const string DataDirectoryOption = "--data-dir";

    /// <summary>The broker servers and how to reach them; no servers means the SQL transport (embedded SQLite by default).</summary>
    public required RabbitMqTransportOptions Broker { get; init; }

    /// <summary>The SQL transport (queues in SQLite or PostgreSQL) a node without broker servers runs on.</summary>
    public required SqlTransportSettings SqlTransport { get; init; }

    /// <summary>The embedded database (file under the data directory).</summary>
    public required SqliteSettings Sqlite { get; init; }

    /// <summary>The shared PostgreSQL database, read only when a backend names it (else null).</summary>
    public PostgresSettings? Postgres { get; init; }

    /// <summary>Where journals and snapshots live.</summary>
    public required PersistenceSettings Persistence { get; init; }

    /// <summary>True: without broker servers, the in-memory transport (nothing durable; for tests) instead of the SQL one.</summary>
    public bool InMemoryTransport { get; init; }

    /// <summary>The topology settings (validated here so a bad rule stops the start).</summary>
    public required MessagingSettings Messaging { get; init; }

    /// <summary>The processing settings.</summary>
    public required ProcessingSettings Processing { get; init; }

    /// <summary>The XMPP output (run by workers when enabled).</summary>
    public required XmppSettings Xmpp { get; init; }

    /// <summary>The control channel and membership (<c>queueactors.cluster</c>, signing included).</summary>
    public required ClusterSettings Cluster { get; init; }

    /// <summary>Where the node's Akka.Remote listens (<c>queueactors.cluster.remoting</c>).</summary>
    public NodeRemoting Remoting { get; init; } = new("127.0.0.1", 0, string.Empty);

    /// <summary>The HTTP listener serving <c>/metrics</c> (<c>queueactors.http</c>).</summary>
    public HttpSettings Http { get; init; } = new(null, "127.0.0.1", 0);

    /// <summary>The Akka.Cluster seed nodes, full addresses (<see cref="NodeSeeds"/>); empty: a cluster of one that joins itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>The sites declared in configuration.</summary>
    public required SitesSettings Sites { get; init; }

    /// <summary>Only one processor (<c>process-queue</c>), or null for all.</summary>
    public ProcessingFilter? Filter { get; init; }

    /// <param name="configFile">The operator's file, or null for the defaults.</param>
    /// <param name="roles">Roles forced by the executable (the seed node), or null for the configured ones.</param>
    /// <param name="brokers">Servers from <c>--broker</c>, replacing the configured ones; null or empty keeps them.</param>
    /// <param name="dataDirectory"><c>--data-dir</c>: the data directory over the configured one, or null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconException">The configuration is malformed or breaks a rule.</exception>
    public static NodeOptions Load(string? configFile, IReadOnlyList<string>? roles, IReadOnlyList<Uri>? brokers = null, string? dataDirectory = null)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new FileNotFoundException($"configuration file {configFile} does not exist", configFile);
        }

        // Layered as a setting (not patched into SqliteSettings) so that everything reading the configuration sees it.
        var overrides = dataDirectory is null ? null
            : HoconConfig.Parse($"queueactors.data-directory = {JsonSerializer.Serialize(dataDirectory)}", DataDirectoryOption);
        return FromConfig(ConfigLoader.Load(configFile, overrides: overrides), configFile, roles, brokers);
    }

    /// <summary>The options of an already loaded configuration (e.g. <see cref="ConfigLoader.LoadText"/>'s).</summary>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="configFile">The file it came from, for the logs, or null.</param>
    /// <param name="roles">Roles forced by the executable, or null for the configured ones.</param>
    /// <param name="brokers">Servers replacing the configured ones; null or empty keeps them.</param>
    /// <exception cref="HoconException">The configuration breaks a rule.</exception>
    public static NodeOptions FromConfig(HoconConfig config, string? configFile, IReadOnlyList<string>? roles, IReadOnlyList<Uri>? brokers = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = NodeSettings.FromConfig(config);
        var sqlTransport = SqlTransportSettings.FromConfig(config);
        var persistence = PersistenceSettings.FromConfig(config);
        var sqlite = SqliteSettings.FromConfig(config);
        return new NodeOptions(config, roles is null ? node : node with { Roles = roles }, configFile)
        {
            Broker = RabbitMqTransportOptions.FromConfig(config, brokers is { Count: > 0 } ? brokers : null),
            SqlTransport = sqlTransport,
            Sqlite = sqlite,
            Postgres = sqlTransport.Backend == SqlBackend.Postgres || persistence.Backend == SqlBackend.Postgres ? PostgresSettings.FromConfig(config) : null,
            Persistence = persistence,
            InMemoryTransport = config.GetBool(InMemoryTransportPath),
            Messaging = MessagingSettings.FromConfig(config),
            Processing = DeadLettersInDataDirectory(ProcessingSettings.FromConfig(config), sqlite.DataDirectory),
            Xmpp = XmppSettings.FromConfig(config),

            // Bound here, not where they are used, so a bad value stops the start with its file, line and key.
            Cluster = ClusterSettings.FromConfig(config),
            Sites = SitesSettings.FromConfig(config),
            Remoting = NodeRemoting.FromConfig(config),
            Http = HttpSettings.FromConfig(config),
            SeedNodes = NodeSeeds.FromConfig(config, Environment.GetEnvironmentVariable),
        };
    }

    /// <summary>
    /// <paramref name="processing"/> with a relative <c>dead-letter-dir</c> under the data directory, so that a node's
    /// files are all where <c>--data-dir</c> says, whichever directory it was started from.
    /// </summary>
    public static ProcessingSettings DeadLettersInDataDirectory(ProcessingSettings processing, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(processing);
        return processing with { DeadLetterDirectory = Path.Combine(dataDirectory, processing.DeadLetterDirectory) }; // an absolute one stays as it is
    }

    /// <summary>Whether this node runs handlers.</summary>
    public bool IsWorker => Node.Roles.Contains(NodeSettings.WorkerRole);

    /// <summary>Whether this node runs the control plane (whose actors persist).</summary>
    public bool IsSeed => Node.Roles.Contains(NodeSettings.SeedRole);

    /// <summary>Whether this node is a member of the Akka cluster: every node but <c>process-queue</c>'s single processor.</summary>
    public bool IsClusterMember => Filter is null;

    /// <summary>Whether a node opens the journal and snapshot stores: seeds, and every node on the SQL transport.</summary>
    public bool OpensPersistence => IsSeed || TransportKind is NodeTransportKind.Sqlite or NodeTransportKind.Postgres;

    /// <summary>Whether a node keeps files in the data directory (the embedded database and its cluster secret).</summary>
    public bool UsesDataDirectory => TransportKind == NodeTransportKind.Sqlite || (OpensPersistence && Persistence.Backend == SqlBackend.Sqlite);

    /// <summary>The transport this node runs on.</summary>
    public NodeTransportKind TransportKind =>
        Broker.Servers.Count > 0 ? NodeTransportKind.RabbitMq
        : InMemoryTransport ? NodeTransportKind.InMemory
        : SqlTransport.Backend == SqlBackend.Postgres ? NodeTransportKind.Postgres
        : NodeTransportKind.Sqlite;
}
