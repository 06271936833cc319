using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Uniqueness;

namespace QueueActors.Actors.Messaging;

/// <summary>
/// <see cref="IEventPublisher"/> over a transport: 0. on a node still learning its sites, it waits for them;
/// 1. the topology names the broker queue and its spec (and refuses a disabled site's events bound for a shared
/// queue); 2. the queue is declared once per process (again after a failed declaration); 3. the payload is
/// serialized and published with confirms. With <see cref="PublishOptions"/>: the unique key is taken first (a
/// duplicate stops there), a later event goes to the <see cref="IScheduledEvents"/> store instead of the queue, and a
/// publish that fails gives its key back.
/// </summary>
public sealed class EventPublisher(
    ITransport transport,
    QueueTopology topology,
    TimeProvider? timeProvider = null,
    IScheduledEvents? scheduledEvents = null,
    IUniqueKeys? uniqueKeys = null,
    TimeSpan? defaultUniqueFor = null) : IEventPublisher
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _declared = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    /// <remarks>Its state machine comes from a pool: the box an awaited publish needs is not allocated each time.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> PublishAsync<T>(string site, string queue, T payload, CancellationToken cancellationToken = default)
    {
        var (spec, envelope, _) = await PrepareAsync(site, queue, payload, null, cancellationToken).ConfigureAwait(false);

        // SendAsync's immediate path written out here: one awaited method less per publish, and with it the state
        // machine a publish among many in flight would allocate (a pool holds only a few per core).
        var started = Stopwatch.GetTimestamp();
        try
        {
            await transport.PublishAsync(spec.BrokerQueue, envelope, cancellationToken).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            QueueActorsMetrics.PublishRefused(site, queue);
            throw;
        }

        QueueActorsMetrics.Published(site, queue, Stopwatch.GetElapsedTime(started));
        return envelope.MessageId;
    }

    /// <inheritdoc />
    public async ValueTask<PublishResult> PublishAsync<T>(string site, string queue, T payload, PublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dueAt = options.DueAt(_time.GetUtcNow());
        if (dueAt is not null && scheduledEvents is null)
        {
            throw new NotSupportedException("This publisher has no scheduled-event store (IScheduledEvents): a node registers one on its database.");
        }

        if (options.UniqueKey is not null && uniqueKeys is null)
        {
            throw new NotSupportedException("This publisher has no unique-key store (IUniqueKeys): a node registers one on its database.");
        }

        var (spec, envelope, partitionKey) = await PrepareAsync(site, queue, payload, options.PartitionKey, cancellationToken).ConfigureAwait(false);
        if (options.MessageId is { } id)
        {
            envelope = envelope with { MessageId = id };
        }

        if (options.UniqueKey is { } key)
        {
            var window = options.UniqueFor ?? defaultUniqueFor ?? TimeSpan.FromHours(1);
            var holder = await uniqueKeys!.TakeAsync(key, envelope.MessageId, _time.GetUtcNow() + window, cancellationToken).ConfigureAwait(false);
            if (holder != envelope.MessageId)
            {
                return new PublishResult(holder, PublishOutcome.Duplicate);
            }

            try
            {
                await SendAsync(spec, envelope, dueAt, partitionKey, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Not published: a retry of the caller must be able to publish.
                await uniqueKeys.ReleaseAsync(key, envelope.MessageId, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        else
        {
            await SendAsync(spec, envelope, dueAt, partitionKey, cancellationToken).ConfigureAwait(false);
        }

        return dueAt is null ? new PublishResult(envelope.MessageId, PublishOutcome.Published) : new PublishResult(envelope.MessageId, PublishOutcome.Scheduled, dueAt);
    }

    private async ValueTask<(QueueSpec Spec, Envelope Envelope, string? PartitionKey)> PrepareAsync<T>(string site, string queue, T payload, string? partitionKey, CancellationToken cancellationToken)
    {
        await topology.WhenSitesKnownAsync(cancellationToken).ConfigureAwait(false);
        string? key = null;
        QueueSpec spec;
        if (topology.IsPartitioned(queue))
        {
            QueueNames.ValidateSite(site);
            key = PartitionKeys.Required(queue, payload, partitionKey, "PublishOptions.PartitionKey");
            spec = topology.PartitionSpecFor(queue, key);
        }
        else
        {
            spec = topology.SpecFor(site, queue);
        }

        if (!topology.IsSiteEnabled(site) && !topology.IsBreakout(site, queue))
        {
            // On its own queue a disabled site's event waits until the site runs again; on the shared one the shared
            // consumer would handle it at once, as if the site were enabled.
            throw new SiteDisabledException(site, queue);
        }

        await EnsureDeclaredAsync(spec, cancellationToken).ConfigureAwait(false);
        var envelope = new Envelope
        {
            Site = site,
            Queue = queue,
            EnqueuedAt = _time.GetUtcNow(),
            ContentType = EventJson.ContentType,
            Body = JsonSerializer.SerializeToUtf8Bytes(payload, EventJson.Options),
        };
        return (spec, envelope, key);
    }

    /// <summary>Publishes now, or hands the event to the scheduled-event store when it is due later (with its key: the relay routes by it).</summary>
    private async ValueTask SendAsync(QueueSpec spec, Envelope envelope, DateTimeOffset? dueAt, string? partitionKey, CancellationToken cancellationToken)
    {
        var (site, queue) = (envelope.Site, envelope.Queue);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (dueAt is { } at)
            {
                await scheduledEvents!.ScheduleAsync(spec.BrokerQueue, envelope, at, partitionKey, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transport.PublishAsync(spec.BrokerQueue, envelope, cancellationToken).ConfigureAwait(false);
            }
        }
        catch when (!cancellationToken.IsCancellationRequested) // the caller's cancellation is not the transport's refusal
        {
            QueueActorsMetrics.PublishRefused(site, queue);
            throw;
        }

        QueueActorsMetrics.Published(site, queue, Stopwatch.GetElapsedTime(started));
    }

    private ValueTask EnsureDeclaredAsync(QueueSpec spec, CancellationToken cancellationToken) =>
        _declared.TryGetValue(spec.BrokerQueue, out var declared) && declared.Value.IsCompletedSuccessfully
            ? ValueTask.CompletedTask // every publish after the first: no closure, no state machine
            : DeclareAsync(spec, cancellationToken);

    private async ValueTask DeclareAsync(QueueSpec spec, CancellationToken cancellationToken)
    {
        var declared = _declared.GetOrAdd(spec.BrokerQueue, _ => new Lazy<Task>(() => transport.DeclareAsync(spec, CancellationToken.None)));
        try
        {
            await declared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (declared.Value.IsFaulted || declared.Value.IsCanceled)
        {
            _declared.TryRemove(new KeyValuePair<string, Lazy<Task>>(spec.BrokerQueue, declared)); // try again next time
            throw;
        }
    }
}
