namespace QueueActors.Host.Node;

/// <summary>Which transport a node runs on, as its configuration decides.</summary>
public enum NodeTransportKind
{
    /// <summary>RabbitMQ: broker servers are configured (or given with <c>--broker</c>).</summary>
    RabbitMq,

    /// <summary>The embedded default: SQL queues in the SQLite file under the data directory.</summary>
    Sqlite,

    /// <summary>SQL queues in the shared PostgreSQL database (<c>sql-transport.backend = postgres</c>).</summary>
    Postgres,

    /// <summary>In-process queues, nothing durable (<c>transport.in-memory = on</c>; tests only).</summary>
    InMemory,
}
