using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Messaging;

/// <summary>
/// <see cref="IEventPublisher"/> over a transport: 0. on a node still learning its sites, it waits for them;
/// 1. the topology names the broker queue and its spec (and refuses a disabled site's events bound for a shared
/// queue); 2. the queue is declared once per process (again after a failed declaration); 3. the payload is
/// serialized and published with confirms.
/// </summary>
public sealed class EventPublisher(ITransport transport, QueueTopology topology, TimeProvider? timeProvider = null) : IEventPublisher
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _declared = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    /// <remarks>Its state machine comes from a pool: the box an awaited publish needs is not allocated each time.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> PublishAsync<T>(string site, string queue, T payload, CancellationToken cancellationToken = default)
    {
        await topology.WhenSitesKnownAsync(cancellationToken).ConfigureAwait(false);
        var spec = topology.SpecFor(site, queue);
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
        var started = Stopwatch.GetTimestamp();
        try
        {
            await transport.PublishAsync(spec.BrokerQueue, envelope, cancellationToken).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested) // the caller's cancellation is not the transport's refusal
        {
            QueueActorsMetrics.PublishRefused(site, queue);
            throw;
        }

        QueueActorsMetrics.Published(site, queue, Stopwatch.GetElapsedTime(started));
        return envelope.MessageId;
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
