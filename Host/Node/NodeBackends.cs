using Microsoft.Extensions.Logging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Transport;

namespace QueueActors.Host.Node;

/// <summary>
/// What a node (or a one-shot command) talks to outside its process, opened once and shared:
/// <list type="number">
/// <item>at most one <see cref="SqliteDatabase"/> (the file under the data directory) and one
/// <see cref="PostgresDatabase"/>, each opened only when the transport or the persistence uses it;</item>
/// <item>the <see cref="Transport"/> (on the database above when it is the SQL transport, so the queues and the
/// journal share one file and one writer);</item>
/// <item>the <see cref="Persistence"/> stores for the node's persistent actors, when asked for.</item>
/// </list>
/// Disposing closes the transport first (its consumers and acks still write to the database), then the databases.
/// </summary>
public sealed class NodeBackends : IAsyncDisposable
{
    private int _disposed;

    private NodeBackends(ITransport transport, SqliteDatabase? sqlite, PostgresDatabase? postgres, PersistenceStores? persistence)
    {
        Transport = transport;
        Sqlite = sqlite;
        Postgres = postgres;
        Persistence = persistence;
    }

    /// <summary>The node's transport.</summary>
    public ITransport Transport { get; }

    /// <summary>The embedded database, when the SQL transport or the persistence uses it; else null.</summary>
    public SqliteDatabase? Sqlite { get; }

    /// <summary>The PostgreSQL database, when the SQL transport or the persistence uses it; else null.</summary>
    public PostgresDatabase? Postgres { get; }

    /// <summary>Journal and snapshot stores over the configured backend, when opened with persistence; else null.</summary>
    public PersistenceStores? Persistence { get; }

    /// <summary>Opens the databases that are needed, then the transport, then (if asked) the persistence stores.</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="withPersistence">Whether to open the journal and snapshot stores (a node does; <c>publish</c> does not).</param>
    /// <param name="loggerFactory">Logging for the databases and the transport.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<NodeBackends> OpenAsync(NodeOptions options, bool withPersistence, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var kind = options.TransportKind;
        var persistenceBackend = withPersistence ? options.Persistence.Backend : (SqlBackend?)null;
        SqliteDatabase? sqlite = null;
        PostgresDatabase? postgres = null;
        ITransport? transport = null;
        try
        {
            if (kind == NodeTransportKind.Sqlite || persistenceBackend == SqlBackend.Sqlite)
            {
                sqlite = await SqliteDatabase.OpenAsync(options.Sqlite, loggerFactory, cancellationToken).ConfigureAwait(false);
            }

            if (kind == NodeTransportKind.Postgres || persistenceBackend == SqlBackend.Postgres)
            {
                postgres = await PostgresDatabase.OpenAsync(options.Postgres!, loggerFactory, cancellationToken).ConfigureAwait(false);
            }

            transport = await TransportFactory.CreateAsync(options, sqlite, postgres, loggerFactory, cancellationToken).ConfigureAwait(false);
            var persistence = await OpenPersistenceAsync(options, persistenceBackend, sqlite, postgres, loggerFactory, cancellationToken).ConfigureAwait(false);
            return new NodeBackends(transport, sqlite, postgres, persistence);
        }
        catch
        {
            await CloseAsync(transport, sqlite, postgres).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the transport, then the databases; once (later calls do nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await CloseAsync(Transport, Sqlite, Postgres).ConfigureAwait(false);
        }
    }

    private static async Task<PersistenceStores?> OpenPersistenceAsync(NodeOptions options, SqlBackend? backend, SqliteDatabase? sqlite, PostgresDatabase? postgres, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(NodeBackends).FullName!);
        switch (backend)
        {
            case SqlBackend.Sqlite:
                NodeLog.Persistence(logger, sqlite!.FilePath);
                return await SqlitePersistence.CreateAsync(sqlite, options.Persistence, cancellationToken: cancellationToken).ConfigureAwait(false);
            case SqlBackend.Postgres:
                NodeLog.Persistence(logger, "PostgreSQL " + postgres!.Settings.MaskedConnectionString);
                return await PostgresPersistence.CreateAsync(postgres, options.Persistence, cancellationToken: cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private static async Task CloseAsync(ITransport? transport, SqliteDatabase? sqlite, PostgresDatabase? postgres)
    {
        try
        {
            if (transport is not null)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                if (postgres is not null)
                {
                    await postgres.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (sqlite is not null)
                {
                    await sqlite.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
