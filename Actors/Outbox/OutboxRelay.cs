using Microsoft.Extensions.Logging;
using Npgsql;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// Moves committed outbox rows to the broker: claims a batch (oldest first), publishes each row's event through the
/// node's transport with confirms, and deletes the rows once confirmed. At least once: a relay killed after a
/// publish and before the delete publishes that row again on the next claim, so duplicates are bounded by one
/// batch per kill. Broker down: nothing is deleted, the rows stay and the relay retries with backoff. A row whose
/// site or queue cannot be routed goes to dead letters (reason <see cref="DeadLetterReason.Unroutable"/>) and is
/// deleted, so it is never retried in a loop. The relay creates or upgrades the outbox table itself before its first claim
/// (<see cref="OutboxSchema"/>).
/// </summary>
public sealed class OutboxRelay : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2); // a returning broker is used within 2 s; a failing attempt is cheap

    private readonly IOutboxStore _store;
    private readonly OutboxSettings _settings;
    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly string _node;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource? _dataSource;
    private bool _schemaReady;

    /// <summary>A relay for the outbox table of <paramref name="settings"/>, publishing through <paramref name="transport"/>.</summary>
    /// <param name="node">The node name dead-letter records carry.</param>
    public OutboxRelay(OutboxSettings settings, ITransport transport, QueueTopology topology, string node, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _transport = transport;
        _topology = topology;
        _node = node;
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
    }

    /// <summary>Relays until <paramref name="cancellationToken"/> fires; survives broker and database outages.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _topology.WhenSitesKnownAsync(cancellationToken).ConfigureAwait(false);
        OutboxLog.Started(_logger, _settings.Table, _settings.Provider.ToString(), _settings.BatchSize);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? retryIn = null;
            var claimed = 0;
            try
            {
                await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
                claimed = await RelayBatchAsync(cancellationToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    OutboxLog.Recovered(_logger, failures);
                    failures = 0;
                }
            }
            catch (OutboxPublishException ex)
            {
                retryIn = Backoff(++failures);
                OutboxLog.PublishFailed(_logger, ex.InnerException?.Message ?? ex.Message, ex.Pending, retryIn.Value);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                retryIn = Backoff(++failures);
                OutboxLog.DatabaseFailed(_logger, _settings.Table, ex.Message, retryIn.Value); // Npgsql and SQLite errors quote no password
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (retryIn is { } delay)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                else if (claimed < _settings.BatchSize)
                {
                    await _store.WaitForRowsAsync(_settings.PollInterval, cancellationToken).ConfigureAwait(false); // a full batch: there may be more at once
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One round: claims a batch, publishes it, deletes what was confirmed; returns how many rows it claimed.</summary>
    /// <exception cref="OutboxPublishException">Some rows could not be published: they stay in the outbox.</exception>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var claim = await _store.ClaimAsync(_settings.BatchSize, cancellationToken).ConfigureAwait(false);
        await using (claim.ConfigureAwait(false))
        {
            if (claim.Rows.Count == 0)
            {
                return 0;
            }

            // Declared first (once per broker queue), then all started in row order and confirmed together: one confirm
            // round trip per batch instead of per row. Rows of one batch may reach the broker in another order, as the
            // events of concurrent publishers do.
            var routes = new List<(OutboxRow Row, QueueSpec? Spec, Exception? Error)>(claim.Rows.Count);
            foreach (var row in claim.Rows)
            {
                var (spec, error) = Route(row);
                routes.Add((row, spec, error));
                try
                {
                    await DeclareOnceAsync(spec ?? _topology.DeadLetterSpec, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is TransportException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
                {
                    throw new OutboxPublishException(claim.Rows.Count, ex); // nothing published: the claim gives every row back
                }
            }

            var publishes = routes.Select(route => (route.Row.Seq, Publish: route.Spec is { } spec
                ? _transport.PublishAsync(spec.BrokerQueue, route.Row.ToEnvelope(), cancellationToken).AsTask()
                : DeadLetterAsync(route.Row.ToEnvelope(), route.Error!, cancellationToken))).ToList();
            var done = new List<long>(publishes.Count);
            Exception? failure = null;
            foreach (var (seq, publish) in publishes)
            {
                try
                {
                    await publish.ConfigureAwait(false);
                    done.Add(seq);
                }
                catch (Exception ex) when (ex is TransportException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
                {
                    failure ??= ex;
                }
            }

            await claim.CompleteAsync(done, CancellationToken.None).ConfigureAwait(false); // a confirmed row is deleted even when stopping
            return failure is null ? claim.Rows.Count : throw new OutboxPublishException(claim.Rows.Count - done.Count, failure);
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

    /// <summary>The row's broker queue, or why it has none (an invalid name, a disabled site without a queue of its own).</summary>
    private (QueueSpec? Spec, Exception? Error) Route(OutboxRow row)
    {
        try
        {
            var spec = _topology.SpecFor(row.Site, row.Queue);
            return !_topology.IsSiteEnabled(row.Site) && !_topology.IsBreakout(row.Site, row.Queue)
                ? (null, new SiteDisabledException(row.Site, row.Queue))
                : (spec, null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Creates or upgrades the outbox table once per relay (as the node does for its own tables), so no row waits for the application to do it.</summary>
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        System.Data.Common.DbConnection connection = _dataSource is not null
            ? _dataSource.CreateConnection()
            : new Microsoft.Data.Sqlite.SqliteConnection(_settings.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await OutboxSchema.EnsureCreatedAsync(connection, _settings.Provider, _settings.Table, cancellationToken).ConfigureAwait(false);
        }

        _schemaReady = true;
    }

    private async Task DeadLetterAsync(Envelope envelope, Exception error, CancellationToken cancellationToken)
    {
        var record = DeadLetterRecord.Create(envelope, brokerQueue: string.Empty, DeadLetterReason.Unroutable, attempts: 0, error, _node, _time.GetUtcNow());
        await _transport.PublishAsync(_topology.DeadLetterSpec.BrokerQueue, record.ToQueueEnvelope(record.Site), cancellationToken).ConfigureAwait(false);
        OutboxLog.Unroutable(_logger, envelope.MessageId, record.Site, QueueNames.IsValidQueue(envelope.Queue) ? envelope.Queue : "(invalid)", error.Message);
    }

    private async Task DeclareOnceAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        if (!_declared.Contains(spec.BrokerQueue))
        {
            await _transport.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
            _declared.Add(spec.BrokerQueue);
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures - 1, 16)));
}
