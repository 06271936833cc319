using Microsoft.Extensions.Logging;
using Npgsql;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Relay;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// Moves committed outbox rows to the broker, oldest first, in rounds of a <see cref="RowRelay"/> (publish with
/// confirms, delete once confirmed, at least once, back off while the broker or database is down, dead-letter a row
/// that cannot be routed). It waits for new rows with LISTEN/NOTIFY on PostgreSQL and polls SQLite. The relay creates
/// or upgrades the outbox table itself before its first claim (<see cref="OutboxSchema"/>).
/// </summary>
public sealed class OutboxRelay : IRelayTable, IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2); // a returning broker is used within 2 s; a failing attempt is cheap

    private readonly IOutboxStore _store;
    private readonly OutboxSettings _settings;
    private readonly QueueTopology _topology;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly RowRelay _relay;
    private bool _schemaReady;

    /// <summary>A relay for the outbox table of <paramref name="settings"/>, publishing through <paramref name="transport"/>.</summary>
    /// <param name="node">The node name dead-letter records carry.</param>
    public OutboxRelay(OutboxSettings settings, ITransport transport, QueueTopology topology, string node, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _topology = topology;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        if (settings.Provider == OutboxProvider.Postgresql)
        {
            _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
            _store = new PostgresOutboxStore(_dataSource, settings.ConnectionString, settings.Table);
        }
        else
        {
            _store = new SqliteOutboxStore(settings.ConnectionString, settings.Table, settings.ClaimTimeout, _time);
        }

        _relay = new RowRelay(this, transport, topology, node, _time, settings.BatchSize, FirstBackoff, MaxBackoff);
    }

    /// <summary>Relays until <paramref name="cancellationToken"/> fires; survives broker and database outages.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _topology.WhenSitesKnownAsync(cancellationToken).ConfigureAwait(false);
        OutboxLog.Started(_logger, _settings.Table, _settings.Provider.ToString(), _settings.BatchSize);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var retryIn = await _relay.RunRoundAsync(cancellationToken).ConfigureAwait(false);
                if (retryIn is null)
                {
                    await _store.WaitForRowsAsync(_settings.PollInterval, cancellationToken).ConfigureAwait(false);
                }
                else if (retryIn > TimeSpan.Zero)
                {
                    await Task.Delay(retryIn.Value, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Claims outbox rows; first creates or upgrades the table, once per relay (as the node does for its own tables), so no row waits for the application to do it.</summary>
    async Task<IRelayClaim> IRelayTable.ClaimAsync(int batchSize, CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            System.Data.Common.DbConnection connection = _dataSource is not null
                ? _dataSource.CreateConnection()
                : new Microsoft.Data.Sqlite.SqliteConnection(_settings.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await OutboxSchema.EnsureCreatedAsync(connection, _settings.Provider, _settings.Table, cancellationToken).ConfigureAwait(false);
            }

            _schemaReady = true;
        }

        return await _store.ClaimAsync(batchSize, cancellationToken).ConfigureAwait(false);
    }

    void IRelayTable.Relayed(int count, int failedRounds)
    {
        if (failedRounds > 0)
        {
            OutboxLog.Recovered(_logger, failedRounds);
        }
    }

    void IRelayTable.PublishFailed(RelayRow row, int pending, Exception error, TimeSpan retryIn) => OutboxLog.PublishFailed(_logger, error.Message, pending, retryIn);

    void IRelayTable.StoreFailed(Exception error, TimeSpan retryIn) => OutboxLog.DatabaseFailed(_logger, _settings.Table, error.Message, retryIn);

    void IRelayTable.Unroutable(Envelope envelope, string site, string queue, Exception error) => OutboxLog.Unroutable(_logger, envelope.MessageId, site, queue, error.Message);
}
