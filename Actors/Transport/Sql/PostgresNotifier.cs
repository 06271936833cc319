using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Sends the NOTIFY that wakes other nodes' consumers, after (never inside) the transaction that made
/// messages ready, coalesced per queue:
/// <list type="number">
/// <item>PostgreSQL serializes the commits of transactions that NOTIFY (a global lock held through the
/// commit, fsync included), which caps a publishing node at one fsync per publish. A publish therefore
/// commits without NOTIFY (group commit stays possible) and then asks for a wake-up here.</item>
/// <item>The loop sends one NOTIFY per queue asked for since its last round trip, on a connection without
/// synchronous commit: under load many publishes share one notification, and a consumer woken once claims
/// a batch.</item>
/// <item>The notification is a hint: a lost one (connection trouble) delays a delivery until the
/// consumer's timer (at most reclaim-interval), it never loses a message.</item>
/// </list>
/// </summary>
internal sealed class PostgresNotifier : IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _loop;
    private HashSet<string> _pending = new(StringComparer.Ordinal);

    public PostgresNotifier(PostgresDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for a NOTIFY for <paramref name="queue"/>; returns at once.</summary>
    public void Notify(string queue)
    {
        lock (_gate)
        {
            _pending.Add(queue);
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Sends what is pending, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _wake.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        while (await _wake.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _wake.Reader.TryRead(out _);
            string[] queues;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    continue;
                }

                queues = [.. _pending];
                _pending = new HashSet<string>(StringComparer.Ordinal);
            }

            try
            {
                var connection = await _database.OpenRelaxedConnectionAsync().ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    using var command = new NpgsqlCommand("SELECT pg_notify(@channel, q) FROM unnest(@queues) AS q", connection);
                    command.Parameters.AddWithValue("channel", PostgresQueueStore.Channel);
                    command.Parameters.AddWithValue("queues", queues);
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ObjectDisposedException)
            {
                SqlTransportLog.NotifyFailed(_logger, ex, queues.Length);
            }
        }
    }
}
