using Microsoft.Extensions.Logging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Scheduling.Sql;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Uniqueness;
using QueueActors.Actors.Uniqueness.Sql;

namespace QueueActors.Host.Node;

/// <summary>
/// What a node (or a one-shot command) talks to outside its process, opened once and shared:
/// <list type="number">
/// <item>at most one <see cref="SqliteDatabase"/> (the file under the data directory, when the transport uses it) and
/// one <see cref="PostgresDatabase"/> (when the transport or the persistence uses it: a bad connection string or
/// password fails here, before anything starts);</item>
/// <item>the <see cref="Transport"/> (on the database above when it is the SQL transport);</item>
/// <item>the scheduled events and unique keys (<see cref="ScheduledEvents"/>, <see cref="UniqueKeys"/>) on the cluster's
/// database: the SQL transport's, else PostgreSQL when the persistence is there, else the node's SQLite file (opened for
/// it; workers on one machine share it);</item>
/// <item>when asked for persistence on SQLite, the journal's own file next to the node's database, made ready for
/// Akka.Persistence.Sql (<see cref="AkkaSqlPersistence"/>; NodeAkka configures the plugin).</item>
/// </list>
/// Disposing closes the transport first (its consumers and acks still write to the database), then the databases.
/// </summary>
public sealed class NodeBackends : IAsyncDisposable
{
    private int _disposed;

    private NodeBackends(ITransport transport, SqliteDatabase? sqlite, PostgresDatabase? postgres, IScheduledEvents scheduledEvents, IUniqueKeys uniqueKeys)
    {
        ScheduledEvents = scheduledEvents;
        UniqueKeys = uniqueKeys;
        Transport = transport;
        Sqlite = sqlite;
        Postgres = postgres;
    }

    /// <summary>The node's transport.</summary>
    public ITransport Transport { get; }

    /// <summary>The events held until their time, in the cluster's database.</summary>
    public IScheduledEvents ScheduledEvents { get; }

    /// <summary>The unique keys of publishes, in the same database.</summary>
    public IUniqueKeys UniqueKeys { get; }

    /// <summary>The embedded database, when the SQL transport or the scheduled events use it; else null.</summary>
    public SqliteDatabase? Sqlite { get; }

    /// <summary>The PostgreSQL database, when the SQL transport or the persistence uses it; else null.</summary>
    public PostgresDatabase? Postgres { get; }

    /// <summary>Opens the databases that are needed, then the transport, then (if asked) readies the journal's SQLite file.</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="withPersistence">Whether the node runs persistent actors (a seed does; <c>publish</c> does not).</param>
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
            var schedulingOnPostgres = kind == NodeTransportKind.Postgres || (kind == NodeTransportKind.RabbitMq && options.Persistence.Backend == SqlBackend.Postgres);
            if (kind == NodeTransportKind.Sqlite || !schedulingOnPostgres)
            {
                sqlite = await SqliteDatabase.OpenAsync(options.Sqlite, loggerFactory, cancellationToken).ConfigureAwait(false);
            }

            if (schedulingOnPostgres || persistenceBackend == SqlBackend.Postgres)
            {
                postgres = await PostgresDatabase.OpenAsync(options.Postgres!, loggerFactory, cancellationToken).ConfigureAwait(false);
            }

            transport = await TransportFactory.CreateAsync(options, sqlite, postgres, loggerFactory, cancellationToken).ConfigureAwait(false);
            OpenPersistence(options, persistenceBackend, loggerFactory);
            return schedulingOnPostgres
                ? new NodeBackends(transport, sqlite, postgres, await PostgresScheduledEvents.OpenAsync(postgres!, cancellationToken: cancellationToken).ConfigureAwait(false), new PostgresUniqueKeys(postgres!))
                : new NodeBackends(transport, sqlite, postgres, await SqliteScheduledEvents.OpenAsync(sqlite!, cancellationToken: cancellationToken).ConfigureAwait(false), new SqliteUniqueKeys(sqlite!));
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

    private static void OpenPersistence(NodeOptions options, SqlBackend? backend, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(NodeBackends).FullName!);
        switch (backend)
        {
            case SqlBackend.Sqlite:
                var path = AkkaSqlPersistence.SqliteJournalPath(options.Sqlite);
                AkkaSqlPersistence.PrepareSqlite(path);
                NodeLog.Persistence(logger, path);
                break;
            case SqlBackend.Postgres:
                NodeLog.Persistence(logger, "PostgreSQL " + options.Postgres!.MaskedConnectionString);
                break;
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
