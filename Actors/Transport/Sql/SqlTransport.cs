using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Durable queues in a database table, the embedded default (SQLite) and the broker-less cluster transport
/// (PostgreSQL), with the meaning of the other transports:
/// <list type="number">
/// <item>A publish is durable when it returns (committed). A delayed publish is a row that becomes ready at
/// its time; nothing waits in memory, so a restart loses no scheduled retry.</item>
/// <item>A consumer claims rows for the visibility timeout; an ack deletes the row, a requeue releases it
/// (its delivery count grows), a reject without requeue moves it to the dead-letter queue. The claims of a
/// consumer whose process is gone are given back within a second (<see cref="GoneConsumerReaper"/>); a claim that
/// is never settled by a live consumer (stuck) runs out and the row is delivered again: nothing is lost.</item>
/// <item>The delivery limit dead-letters a row returned more often than the limit.</item>
/// <item>No polling: consumers sleep until a signal or a timer set for the next due row. PostgreSQL:
/// LISTEN/NOTIFY, so several processes share one database's queues. SQLite: in this process a signal after
/// the commit; other processes on the same file (the CLI's <c>publish</c> and <c>ctl</c> next to
/// <c>queueactors run</c>) are woken through <see cref="SqliteWakeFiles"/> (inotify on a wake file each
/// transport touches after such a commit), so their publishes arrive at once, not after reclaim-interval.
/// PostgreSQL consumers claim with FOR UPDATE SKIP LOCKED, so two never get the same message.</item>
/// <item>Broadcast channels (<see cref="IBroadcast"/>): a log table, <c>broadcast_messages</c>; each
/// subscriber reads the rows after the last one it saw, woken by the same signals; rows older than
/// <see cref="SqlTransportSettings.BroadcastRetention"/> are pruned by the publishers.</item>
/// </list>
/// Every SQL queue is durable: <see cref="QueueSpec.Durable"/> is recorded (a redeclaration must match) and
/// otherwise ignored. Single active consumer: on PostgreSQL one consumer of all nodes (an advisory lock per
/// queue); on SQLite one subscription of all processes on the file (a file lock per queue beside the database).
/// </summary>
public sealed partial class SqlTransport : ITransport
{
    private static readonly ConditionalWeakTable<SqliteDatabase, SqlQueueSignals> SqliteSignals = new();
    private readonly Dictionary<string, List<SqlSubscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<IAsyncDisposable> _parts;
    private readonly IAsyncDisposable? _ownedDatabase;
    private int _disposed;

    private SqlTransport(string nodeId, ISqlQueueStore store, ISqlBroadcastStore broadcasts, SqlQueueSignals signals, SqlTransportSettings settings, TimeProvider time, ILogger logger, IReadOnlyList<IAsyncDisposable> parts, IAsyncDisposable? ownedDatabase)
    {
        NodeId = nodeId;
        Store = store;
        Broadcasts = broadcasts;
        Signals = signals;
        Settings = settings;
        Time = time;
        Logger = logger;
        _parts = parts;
        _ownedDatabase = ownedDatabase;
    }

    public SqlTransportSettings Settings { get; }

    /// <summary>Prefix of this instance's consumer ids (<see cref="NewNodeId"/>).</summary>
    internal string NodeId { get; }

    internal ISqlQueueStore Store { get; }

    internal ISqlBroadcastStore Broadcasts { get; }

    internal SqlQueueSignals Signals { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// The transport <c>queueactors.sql-transport</c> configures: on its backend's database (<c>queueactors.sqlite</c>
    /// under <c>queueactors.data-directory</c>, or <c>queueactors.postgres</c>), opened here and closed with the
    /// transport. To share one SQLite file with the journal, open the <see cref="SqliteDatabase"/> once and use
    /// the overloads that take it.
    /// </summary>
    public static Task<SqlTransport> OpenAsync(HoconConfig config, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var settings = SqlTransportSettings.FromConfig(config);
        return settings.Backend == SqlBackend.Postgres
            ? OpenPostgresAsync(PostgresSettings.FromConfig(config), settings, timeProvider, loggerFactory, cancellationToken)
            : OpenSqliteAsync(SqliteSettings.FromConfig(config), settings, timeProvider, loggerFactory, cancellationToken);
    }

    /// <summary>Queues in a SQLite database (migrated on open); the database stays the caller's.</summary>
    public static Task<SqlTransport> OpenSqliteAsync(SqliteDatabase database, SqlTransportSettings settings, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        OpenSqliteCoreAsync(database, settings, timeProvider, loggerFactory, owned: null, cancellationToken);

    /// <summary>Opens the SQLite database of <paramref name="sqlite"/> and queues in it; disposing the transport closes the database.</summary>
    public static async Task<SqlTransport> OpenSqliteAsync(SqliteSettings sqlite, SqlTransportSettings settings, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var database = await SqliteDatabase.OpenAsync(sqlite, loggerFactory, cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenSqliteCoreAsync(database, settings, timeProvider, loggerFactory, owned: database, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues in a PostgreSQL database (migrated on open), with a LISTEN connection; the database stays the caller's.</summary>
    public static Task<SqlTransport> OpenPostgresAsync(PostgresDatabase database, SqlTransportSettings settings, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        OpenPostgresCoreAsync(database, settings, timeProvider, loggerFactory, owned: null, cancellationToken);

    /// <summary>Connects to the database of <paramref name="postgres"/> and queues in it; disposing the transport closes its pool.</summary>
    public static async Task<SqlTransport> OpenPostgresAsync(PostgresSettings postgres, SqlTransportSettings settings, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var database = await PostgresDatabase.OpenAsync(postgres, loggerFactory, cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenPostgresCoreAsync(database, settings, timeProvider, loggerFactory, owned: database, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SqlTransport> OpenPostgresCoreAsync(PostgresDatabase database, SqlTransportSettings settings, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IAsyncDisposable? owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        await database.MigrateAsync(SchemaComponent, cancellationToken).ConfigureAwait(false);
        var time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqlTransport>();
        var signals = new SqlQueueSignals();
        var listener = await PostgresQueueListener.StartAsync(database, signals, time, settings, logger, cancellationToken).ConfigureAwait(false);
        var notifier = new PostgresNotifier(database, logger);
        var acks = new PostgresAckBatcher(database);
        var store = new PostgresQueueStore(database, notifier, acks);
        var nodeId = NewNodeId();
        var liveness = new PostgresConsumerLiveness(database, store, nodeId, time);
        await liveness.HoldAsync(cancellationToken).ConfigureAwait(false); // before its first claim
        var reaper = new GoneConsumerReaper(store, liveness, time, logger);
        return new SqlTransport(nodeId, store, new PostgresBroadcastStore(database, notifier, logger), signals, settings, time, logger, [reaper, listener, notifier, acks], owned);
    }

    /// <summary>
    /// The signal (and NOTIFY payload) that wakes a channel's subscribers. It starts with the reserved queue
    /// prefix, so it can never be a queue's name.
    /// </summary>
    internal static string BroadcastSignal(string channel) => QueueSpec.ReservedPrefix + "broadcast:" + channel;

    /// <summary>A new transport instance's id: the prefix of its consumer ids, and what its liveness lock is named after.</summary>
    private static string NewNodeId() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The component name of the queue tables in schema_version.</summary>
    public const string SchemaComponent = "transport";

    private static async Task<SqlTransport> OpenSqliteCoreAsync(SqliteDatabase database, SqlTransportSettings settings, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IAsyncDisposable? owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        await database.MigrateAsync(SchemaComponent, cancellationToken).ConfigureAwait(false);
        var signals = SqliteSignals.GetValue(database, static _ => new SqlQueueSignals());
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqlTransport>();
        var wakeFiles = new SqliteWakeFiles(database.FilePath, signals, logger);
        var store = new SqliteQueueStore(database, signals, wakeFiles);
        var time = timeProvider ?? TimeProvider.System;
        var nodeId = NewNodeId();
        var reaper = new GoneConsumerReaper(store, SqliteConsumerLiveness.Hold(database.FilePath, nodeId), time, logger);
        return new SqlTransport(nodeId, store, new SqliteBroadcastStore(database, signals, wakeFiles), signals, settings, time, logger, [reaper, wakeFiles], owned);
    }
}
