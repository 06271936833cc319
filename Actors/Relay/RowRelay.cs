using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Relay;

/// <summary>
/// The round both relays run (the outbox's and the scheduled events'; each keeps its table, settings, logs and
/// wake-up): claim a batch, publish each row's event through the node's transport with confirms, delete the confirmed
/// rows, give back the others. At least once: a relay killed between a publish and its delete publishes the row again
/// once its claim is gone, so a kill duplicates at most one batch. Broker or database down: nothing is lost, the caller
/// waits the backoff a round returns. A row whose site or queue cannot be routed goes to dead letters (reason
/// <see cref="DeadLetterReason.Unroutable"/>) and is deleted, so it is never retried in a loop.
/// </summary>
internal sealed class RowRelay(IRelayTable table, ITransport transport, QueueTopology topology, string node, TimeProvider time, int batchSize, TimeSpan firstBackoff, TimeSpan maxBackoff)
{
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private int _failures;

    /// <summary>
    /// One round. Returns null when fewer rows than a batch were ready (wait for new ones), zero when the batch was
    /// full (more may be ready at once), or the backoff before the next try after a failure (logged).
    /// </summary>
    public async Task<TimeSpan?> RunRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (claimed, failure) = await RelayBatchAsync(cancellationToken).ConfigureAwait(false);
            if (failure is { } failed)
            {
                _declared.Clear(); // a transient queue may be gone after a broker restart: declared again on the next try
                var retryIn = Backoff();
                table.PublishFailed(failed.Row, failed.Pending, failed.Error, retryIn);
                return retryIn;
            }

            table.Relayed(claimed, _failures);
            _failures = 0;
            return claimed == batchSize ? TimeSpan.Zero : null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return StoreFailed(ex);
        }
    }

    /// <summary>Logs a failure to read or write the table (also one of the caller's own wait) and returns the backoff before the next try.</summary>
    public TimeSpan StoreFailed(Exception error)
    {
        var retryIn = Backoff();
        table.StoreFailed(error, retryIn); // Npgsql and SQLite errors quote no password
        return retryIn;
    }

    /// <summary>Claims a batch, publishes it, deletes what was confirmed; returns how many rows it claimed and the first that was not published.</summary>
    private async Task<(int Claimed, (RelayRow Row, int Pending, Exception Error)? Failure)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var claim = await table.ClaimAsync(batchSize, cancellationToken).ConfigureAwait(false);
        await using (claim.ConfigureAwait(false))
        {
            // Declared first (once per broker queue), then all started in row order and confirmed together: one confirm
            // round trip per batch instead of per row. Rows of one batch may reach the broker in another order, as the
            // events of concurrent publishers do, except on a partition (StartPublishes).
            var routes = new List<(RelayRow Row, QueueSpec? Spec, string? BrokerQueue, Exception? Error)>(claim.Rows.Count);
            foreach (var row in claim.Rows)
            {
                var (spec, brokerQueue, error) = Route(row);
                routes.Add((row, spec, brokerQueue, error));
                try
                {
                    await DeclareOnceAsync(spec ?? topology.DeadLetterSpec, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    return (claim.Rows.Count, (row, claim.Rows.Count, ex)); // nothing published: the claim gives every row back
                }
            }

            var publishes = StartPublishes(routes, cancellationToken);
            var done = new List<long>(publishes.Count);
            (RelayRow Row, Exception Error)? failure = null;
            foreach (var (row, publish) in publishes)
            {
                try
                {
                    await publish.ConfigureAwait(false);
                    done.Add(row.Id);
                }
                catch (Exception ex)
                {
                    failure ??= (row, ex);
                }
            }

            await claim.CompleteAsync(done, CancellationToken.None).ConfigureAwait(false); // a confirmed row is deleted even when stopping
            cancellationToken.ThrowIfCancellationRequested();
            return (claim.Rows.Count, failure is { } failed ? (failed.Row, claim.Rows.Count - done.Count, failed.Error) : null);
        }
    }

    /// <summary>
    /// The event's queue (its spec and the broker queue it is published to), or why it has none (an invalid name, a
    /// disabled site without a queue of its own, a partitioned queue and no usable key).
    /// </summary>
    private (QueueSpec? Spec, string? BrokerQueue, Exception? Error) Route(RelayRow row)
    {
        var envelope = row.Envelope;
        try
        {
            if (topology.IsPartitioned(envelope.Queue))
            {
                // By its key, with the publisher's hash: the partition the key's published events go to now. A row
                // without a key may name its partition (a scheduled row of an older release); else nothing consumes it.
                var partition = row.PartitionKey is { } key ? topology.PartitionSpecFor(envelope.Queue, key)
                    : row.BrokerQueue is { } named ? topology.PartitionSpecNamed(envelope.Queue, named)
                    : null;
                return partition is not null ? (partition, partition.BrokerQueue, null) : (null, null, new ArgumentException(
                    $"Queue {envelope.Queue} is partitioned and this row carries no partition key: give one when writing it (OutboxWriter.EnqueueAsync's partitionKey, PublishOptions.PartitionKey, or an IPartitioned payload)."));
            }

            // The queue the topology names now, as for a plain publish: a scheduled row's stored queue may be a breakout
            // queue that is gone, or the shared one after its site was broken out.
            var spec = topology.SpecFor(envelope.Site, envelope.Queue);
            return !topology.IsSiteEnabled(envelope.Site) && !topology.IsBreakout(envelope.Site, envelope.Queue)
                ? (null, null, new SiteDisabledException(envelope.Site, envelope.Queue))
                : (spec, spec.BrokerQueue, null);
        }
        catch (ArgumentException ex)
        {
            return (null, null, ex);
        }
    }

    /// <summary>
    /// Starts each row's publish (or dead letter) in row order. A single-active-consumer queue (a partition) is consumed
    /// in order, so its rows are published one after another, each once the one before it was confirmed; one that fails
    /// holds back the rest (given back with it), so no later event of its key overtakes it.
    /// </summary>
    private List<(RelayRow Row, Task Publish)> StartPublishes(List<(RelayRow Row, QueueSpec? Spec, string? BrokerQueue, Exception? Error)> routes, CancellationToken cancellationToken)
    {
        var lastOf = new Dictionary<string, Task>(StringComparer.Ordinal);
        var publishes = new List<(RelayRow Row, Task Publish)>(routes.Count);
        foreach (var (row, spec, brokerQueue, error) in routes)
        {
            var publish = brokerQueue is null ? DeadLetterAsync(row.Envelope, error!, cancellationToken)
                : spec!.SingleActiveConsumer ? lastOf[brokerQueue] = PublishAfterAsync(lastOf.GetValueOrDefault(brokerQueue, Task.CompletedTask), brokerQueue, row.Envelope, cancellationToken)
                : transport.PublishAsync(brokerQueue, row.Envelope, cancellationToken).AsTask();
            publishes.Add((row, publish));
        }

        return publishes;
    }

    private async Task PublishAfterAsync(Task previous, string brokerQueue, Envelope envelope, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(false); // it failed: this row is not published either
        await transport.PublishAsync(brokerQueue, envelope, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(Envelope envelope, Exception error, CancellationToken cancellationToken)
    {
        var record = DeadLetterRecord.Create(envelope, brokerQueue: string.Empty, DeadLetterReason.Unroutable, attempts: 0, error, node, time.GetUtcNow());
        await transport.PublishAsync(topology.DeadLetterSpec.BrokerQueue, record.ToQueueEnvelope(record.Site), cancellationToken).ConfigureAwait(false);
        table.Unroutable(envelope, record.Site, QueueNames.IsValidQueue(envelope.Queue) ? envelope.Queue : "(invalid)", error);
    }

    private async Task DeclareOnceAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        if (!_declared.Contains(spec.BrokerQueue))
        {
            await transport.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
            _declared.Add(spec.BrokerQueue);
        }
    }

    private TimeSpan Backoff() =>
        TimeSpan.FromTicks(Math.Min(maxBackoff.Ticks, firstBackoff.Ticks << Math.Min(_failures++, 16)));
}
