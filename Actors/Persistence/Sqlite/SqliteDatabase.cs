using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>
/// One SQLite database file, shared by the journal, the snapshot store and the SQL transport of a process.
/// <list type="number">
/// <item>Opening creates the directory and file, switches the file to WAL (readers never wait for the
/// writer) and sets the sync level; each component migrates its own tables (<see cref="MigrateAsync"/>).</item>
/// <item>Writes go through one writer connection and one loop: whatever writes are queued when the loop comes
/// round run in one transaction, each in its own savepoint (a failing write rolls back alone), and one
/// commit (one fsync) makes them all durable before any caller is answered: group commit, so many
/// concurrent publishers cost one disk sync instead of one each. A batch of only relaxed writes
/// (<see cref="WriteRelaxedAsync"/>) commits with synchronous=NORMAL: no sync at all.</item>
/// <item>Reads take a pooled connection of their own.</item>
/// </list>
/// Another process may open the same file: SQLite's file lock serializes the writers, waiting up to
/// <see cref="SqliteSettings.BusyTimeout"/>.
/// </summary>
public sealed partial class SqliteDatabase : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 256;
    private readonly Channel<SqliteWrite> _writes = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private readonly Task _writerLoop;
    private readonly ILogger _logger;
    private int _disposed;
    private bool _fullSyncNow;

    private SqliteDatabase(SqliteSettings settings, SqliteConnection writer, string readConnectionString, ILogger logger)
    {
        Settings = settings;
        _writer = writer;
        _readConnectionString = readConnectionString;
        _logger = logger;
        _fullSyncNow = settings.FullSync;
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public SqliteSettings Settings { get; }

    /// <summary>The database file.</summary>
    public string FilePath => Settings.FilePath;

    internal ILogger Logger => _logger;

    /// <summary>Opens (creating if needed) the database file of <paramref name="settings"/>.</summary>
    public static Task<SqliteDatabase> OpenAsync(SqliteSettings settings, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteDatabase>();
        Directory.CreateDirectory(Path.GetDirectoryName(settings.FilePath)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = settings.FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        };
        var writer = new SqliteConnection(builder.ConnectionString);
        try
        {
            writer.Open();
            Execute(writer, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(settings.FullSync ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={(long)settings.BusyTimeout.TotalMilliseconds};");
        }
        catch (SqliteException ex)
        {
            writer.Dispose();
            throw new PersistenceException($"Cannot open SQLite database {settings.FilePath}: {ex.Message}", ex);
        }

        SqliteLog.Opened(logger, settings.FilePath, settings.FullSync ? "full" : "normal");
        return Task.FromResult(new SqliteDatabase(settings, writer, builder.ConnectionString, logger));
    }

    /// <summary>
    /// Queues a write; it is durable (committed) when the task completes. <paramref name="work"/> runs on the
    /// writer loop, inside a savepoint: it must not commit or roll back, and should be short.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default) =>
        Enqueue(new SqliteWrite<T>(work, cancellationToken));

    /// <summary>
    /// Like <see cref="WriteAsync"/>, but the commit need not reach the disk before the caller is answered
    /// (synchronous=NORMAL for a batch of such writes only): for writes whose loss in a power cut is harmless,
    /// such as a queue consumer's claims and acks (the message is then delivered again).
    /// </summary>
    internal Task<T> WriteRelaxedAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default) =>
        Enqueue(new SqliteWrite<T>(work, cancellationToken) { Durable = false });

    private Task<T> Enqueue<T>(SqliteWrite<T> write)
    {
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), $"SQLite database {FilePath} is closed.");
        }

        return write.Task;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection (it sees every committed write).</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return work(connection);
        }
    }

    /// <summary>Closes the writer after the queued writes ran, and lets go of the file. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writes.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        SqliteConnection.ClearPool(_writer);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<SqliteWrite>(MaxWritesPerCommit);
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxWritesPerCommit && reader.TryRead(out var write))
            {
                if (!write.TryAbandon())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                CommitBatch(batch);
            }
        }
    }

    private void CommitBatch(List<SqliteWrite> batch)
    {
        var succeeded = new List<SqliteWrite>(batch.Count);
        try
        {
            var fullSync = Settings.FullSync && batch.Exists(static w => w.Durable);
            if (fullSync != _fullSyncNow)
            {
                Execute(_writer, fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
                _fullSyncNow = fullSync;
            }

            using var transaction = _writer.BeginTransaction(deferred: false);
            foreach (var write in batch)
            {
                transaction.Save("w");
                try
                {
                    write.Run(_writer, transaction);
                    transaction.Release("w");
                    succeeded.Add(write);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    write.Fail(ex);
                }
            }

            transaction.Commit();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SqliteLog.CommitFailed(_logger, ex, FilePath, batch.Count);
            foreach (var write in batch)
            {
                write.Fail(new PersistenceException($"Commit to SQLite database {FilePath} failed: {ex.Message}", ex));
            }

            return;
        }

        foreach (var write in succeeded)
        {
            write.Complete();
        }
    }
}
