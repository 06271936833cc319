namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Where the RabbitMQ transport connects and how it reconnects: <c>queueactors.transport.rabbitmq</c>, bound
/// by <see cref="FromConfig"/>. The defaults live in hocon/reference.conf only.
/// </summary>
public sealed record RabbitMqTransportOptions
{
    /// <summary>The HOCON section this record binds.</summary>
    public const string Section = "queueactors.transport.rabbitmq";

    /// <summary>
    /// The broker servers (<c>amqp://user:password@host:port/vhost</c>, or <c>amqps://</c>): independent
    /// brokers or members of one cluster. A publish goes to a random one and fails over to the others; a
    /// subscription consumes from all of them. Passwords in these URIs are never logged.
    /// </summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    /// <summary>The connection name shown by the broker (<c>rabbitmqctl list_connections client_properties</c>).</summary>
    public required string ClientName { get; init; }

    /// <summary>The first wait before reconnecting to a lost server; doubled after each failed try.</summary>
    public required TimeSpan InitialReconnectInterval { get; init; }

    /// <summary>The longest wait between two reconnection tries.</summary>
    public required TimeSpan MaxReconnectInterval { get; init; }

    /// <summary>
    /// How long a server may confirm nothing while publishes wait on it: then its connection is aborted (a hung broker),
    /// the waiting publishes are tried on the next server, and it reconnects (<see cref="ConfirmWatchdog"/>).
    /// </summary>
    public required TimeSpan PublishTimeout { get; init; }

    /// <summary>
    /// Whether events also carry site, queue and enqueue time as the <c>qa-*</c> headers that nodes of versions
    /// before the AMQP <c>type</c> property read (<see cref="AmqpEnvelope"/>): for a rolling upgrade, off otherwise.
    /// </summary>
    public bool LegacyEnvelopeHeaders { get; init; }

    /// <summary>
    /// Binds <see cref="Section"/>; <paramref name="servers"/> (e.g. from <c>--broker</c>) replaces the
    /// configured list when given. An empty server list is allowed here (the caller then runs without
    /// RabbitMQ); <see cref="RabbitMqTransport.ConnectAsync"/> refuses it.
    /// </summary>
    public static RabbitMqTransportOptions FromConfig(Config.HoconConfig config, IReadOnlyList<Uri>? servers = null)
    {
        var section = config.GetConfig(Section);
        var configured = servers ?? section.GetStringList("servers").Select((text, i) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"
                ? uri
                : throw NotAnAmqpUri(section, i)).ToArray();
        var options = new RabbitMqTransportOptions
        {
            Servers = configured,
            ClientName = Config.SettingRules.NonBlankString(section, "client-name"),
            InitialReconnectInterval = Config.SettingRules.PositiveDuration(section, "initial-reconnect-interval"),
            MaxReconnectInterval = Config.SettingRules.PositiveDuration(section, "max-reconnect-interval"),
            PublishTimeout = Config.SettingRules.PositiveDuration(section, "publish-timeout"),
            LegacyEnvelopeHeaders = section.GetBool("legacy-envelope-headers"),
        };
        return options.MaxReconnectInterval >= options.InitialReconnectInterval
            ? options
            : throw section.InvalidValue("max-reconnect-interval", "a duration at least initial-reconnect-interval");
    }

    /// <summary>The error names the entry, never its text: a URI may hold a password.</summary>
    private static Config.HoconException NotAnAmqpUri(Config.HoconConfig section, int index)
    {
        var at = section.InvalidValue("servers", "amqp URIs");
        return new Config.HoconException(at.Origin, at.Line, at.Column, $"expected amqp:// or amqps:// URIs; entry {index} is not one", at.Path);
    }

    /// <summary>Throws <see cref="ArgumentException"/> with one line per broken rule.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Servers is null || Servers.Count == 0)
        {
            errors.Add("Servers: at least one broker URI is needed.");
        }
        else
        {
            foreach (var server in Servers)
            {
                if (server is null || !server.IsAbsoluteUri || (server.Scheme != "amqp" && server.Scheme != "amqps"))
                {
                    errors.Add($"Servers: {(server is null ? "(null)" : MaskedUri.Of(server))} is not an amqp:// or amqps:// URI.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(ClientName))
        {
            errors.Add("ClientName: must not be empty.");
        }

        if (InitialReconnectInterval <= TimeSpan.Zero)
        {
            errors.Add($"InitialReconnectInterval: must be positive, not {InitialReconnectInterval}.");
        }

        if (MaxReconnectInterval < InitialReconnectInterval)
        {
            errors.Add($"MaxReconnectInterval: {MaxReconnectInterval} is shorter than InitialReconnectInterval {InitialReconnectInterval}.");
        }

        if (PublishTimeout <= TimeSpan.Zero)
        {
            errors.Add($"PublishTimeout: must be positive, not {PublishTimeout}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RabbitMQ transport options:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }
}
