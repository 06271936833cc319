using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace QueueActors.Actors.Persistence.Postgres;

/// <summary>
/// One PostgreSQL database shared by the journal, the snapshot store and the SQL transport, and by every node
/// pointed at it: a pooled <see cref="NpgsqlDataSource"/> plus the schema migrations. Messages and logs name
/// the database by <see cref="PostgresSettings.MaskedConnectionString"/> only.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _relaxedDataSource;
    private readonly ILogger _logger;
    private int _disposed;

    private PostgresDatabase(PostgresSettings settings, NpgsqlDataSource dataSource, NpgsqlDataSource relaxedDataSource, ILogger logger)
    {
        Settings = settings;
        _dataSource = dataSource;
        _relaxedDataSource = relaxedDataSource;
        _logger = logger;
    }

    public PostgresSettings Settings { get; }

    internal ILogger Logger => _logger;

    /// <summary>Builds the connection pool and checks that the database answers.</summary>
    /// <exception cref="PersistenceException">The database cannot be reached (the message masks the password).</exception>
    public static async Task<PostgresDatabase> OpenAsync(PostgresSettings settings, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        loggerFactory ??= NullLoggerFactory.Instance;
        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString).UseLoggerFactory(loggerFactory).Build();
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new PersistenceException($"Cannot connect to PostgreSQL at {settings.MaskedConnectionString}: {ex.Message}", ex);
        }

        var relaxed = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        relaxed.Options = $"{relaxed.Options} -c synchronous_commit=off".Trim();
        var logger = loggerFactory.CreateLogger<PostgresDatabase>();
        PostgresLog.Opened(logger, settings.MaskedConnectionString);
        return new PostgresDatabase(settings, dataSource, new NpgsqlDataSourceBuilder(relaxed.ConnectionString).UseLoggerFactory(loggerFactory).Build(), logger);
    }

    /// <summary>A pooled connection; dispose it to give it back.</summary>
    internal ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// A pooled connection whose commits return before they reach the disk (synchronous_commit=off): for writes
    /// whose loss in a server crash is harmless, such as a queue consumer's claims and acks (the message is
    /// then delivered again). The server still applies them in order and never corrupts.
    /// </summary>
    internal ValueTask<NpgsqlConnection> OpenRelaxedConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _relaxedDataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>A connection outside the pool (for LISTEN, held for long).</summary>
    internal NpgsqlConnection CreateUnpooledConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false, KeepAlive = 30 };
        return new NpgsqlConnection(builder.ConnectionString);
    }

    /// <summary>Closes the pool. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            await _relaxedDataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
