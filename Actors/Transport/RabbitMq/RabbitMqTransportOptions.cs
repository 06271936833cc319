namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Where the RabbitMQ transport connects and how it reconnects. <c>Config</c> binds
/// <c>queueactors.transport.rabbitmq</c> into this record later; until then the defaults below stand.
/// </summary>
public sealed record RabbitMqTransportOptions
{
    /// <summary>
    /// The broker servers (<c>amqp://user:password@host:port/vhost</c>, or <c>amqps://</c>): independent
    /// brokers or members of one cluster. A publish goes to a random one and fails over to the others; a
    /// subscription consumes from all of them. Passwords in these URIs are never logged.
    /// </summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    /// <summary>The connection name shown by the broker (<c>rabbitmqctl list_connections client_properties</c>).</summary>
    public string ClientName { get; init; } = "queueactors";

    /// <summary>The first wait before reconnecting to a lost server; doubled after each failed try.</summary>
    public TimeSpan InitialReconnectInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two reconnection tries.</summary>
    public TimeSpan MaxReconnectInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one server may take to confirm a publish before the next server is tried.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(15);

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
