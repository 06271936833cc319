using Microsoft.Extensions.Logging;
using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// One LISTEN connection per transport: every NOTIFY on <see cref="PostgresQueueStore.Channel"/> (from any
/// node) wakes this process's consumers of the queue it names. When the connection is lost it reconnects
/// with backoff and then wakes every consumer, since notifications sent meanwhile are gone.
/// </summary>
internal sealed class PostgresQueueListener : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly PostgresDatabase _database;
    private readonly SqlQueueSignals _signals;
    private readonly TimeProvider _time;
    private readonly SqlTransportSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private NpgsqlConnection? _connection;
    private Task _loop = Task.CompletedTask;

    private PostgresQueueListener(PostgresDatabase database, SqlQueueSignals signals, TimeProvider time, SqlTransportSettings settings, ILogger logger)
    {
        _database = database;
        _signals = signals;
        _time = time;
        _settings = settings;
        _logger = logger;
    }

    public static async Task<PostgresQueueListener> StartAsync(PostgresDatabase database, SqlQueueSignals signals, TimeProvider time, SqlTransportSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var listener = new PostgresQueueListener(database, signals, time, settings, logger);
        listener._connection = await listener.ListenAsync(cancellationToken).ConfigureAwait(false);
        listener._loop = Task.Run(listener.RunAsync, CancellationToken.None);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = _database.CreateUnpooledConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            connection.Notification += (_, e) => _signals.Signal(e.Payload);
            using var command = new NpgsqlCommand($"LISTEN {PostgresQueueStore.Channel}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        SqlTransportLog.Listening(_logger, _database.Settings.MaskedConnectionString);
        return connection;
    }

    private async Task RunAsync()
    {
        var retryDelay = FirstRetryDelay;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = await ListenAsync(_stopping.Token).ConfigureAwait(false);
                    _signals.SignalAll();
                    retryDelay = FirstRetryDelay;
                }

                await _connection.WaitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                SqlTransportLog.ListenerLost(_logger, ex, retryDelay);
                if (_connection is not null)
                {
                    await _connection.DisposeAsync().ConfigureAwait(false);
                    _connection = null;
                }

                try
                {
                    await Task.Delay(retryDelay, _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _settings.ReclaimInterval.Ticks));
            }
        }
    }
}
