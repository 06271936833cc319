using Microsoft.Extensions.Logging;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Actors.Transport.Sql;

namespace QueueActors.Host.Node;

/// <summary>
/// The node's transport, as <see cref="NodeOptions.TransportKind"/> says: RabbitMQ when servers are configured,
/// else the SQL transport on the database the caller opened (the embedded SQLite file by default), or the
/// in-memory one when a test asks for it. Logs which one and where, never a password.
/// </summary>
public static class TransportFactory
{
    /// <param name="options">The node's options.</param>
    /// <param name="sqlite">The open SQLite database, required for <see cref="NodeTransportKind.Sqlite"/>; stays the caller's.</param>
    /// <param name="postgres">The open PostgreSQL database, required for <see cref="NodeTransportKind.Postgres"/>; stays the caller's.</param>
    /// <param name="loggerFactory">Logging for the transport.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    public static async Task<ITransport> CreateAsync(NodeOptions options, SqliteDatabase? sqlite, PostgresDatabase? postgres, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(TransportFactory).FullName!);
        switch (options.TransportKind)
        {
            case NodeTransportKind.RabbitMq:
                // Scheme, host and port only: a server URI may carry user and password.
                NodeLog.RabbitMqTransport(logger, string.Join(", ", options.Broker.Servers.Select(s => $"{s.Scheme}://{s.Authority}")));
                return await RabbitMqTransport.ConnectAsync(options.Broker, loggerFactory, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            case NodeTransportKind.Sqlite:
                ArgumentNullException.ThrowIfNull(sqlite);
                NodeLog.SqliteTransport(logger, sqlite.FilePath);
                return await SqlTransport.OpenSqliteAsync(sqlite, options.SqlTransport, TimeProvider.System, loggerFactory, cancellationToken).ConfigureAwait(false);
            case NodeTransportKind.Postgres:
                ArgumentNullException.ThrowIfNull(postgres);
                NodeLog.PostgresTransport(logger, postgres.Settings.MaskedConnectionString);
                return await SqlTransport.OpenPostgresAsync(postgres, options.SqlTransport, TimeProvider.System, loggerFactory, cancellationToken).ConfigureAwait(false);
            default:
                NodeLog.InMemoryTransport(logger);
                return new InMemoryTransport(TimeProvider.System, loggerFactory.CreateLogger<InMemoryTransport>());
        }
    }
}
