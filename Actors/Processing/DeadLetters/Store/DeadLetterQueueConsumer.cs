using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Feeds the <see cref="DeadLetterStore"/> from the dead-letter queue (<see cref="QueueTopology.DeadLetterSpec"/>):
/// <list type="number">
/// <item>Subscribes through <see cref="ITransport"/>; the queue is single-active-consumer, so when two seed nodes run
/// one consumer each, only one takes records at a time and the other takes over when it goes.</item>
/// <item>Each delivery that is a dead-letter record (content type <see cref="DeadLetterRecord.QueueContentType"/>, a
/// JSON <see cref="DeadLetterRecord"/> with a safe id and a valid queue; a record without a valid site is kept under
/// <see cref="DeadLetterRecord.NoSite"/>) is asked to the store, and acked
/// only once the store replied <see cref="DeadLetterRecorded"/>: persisted. No reply in time (the store is down,
/// its database unreachable) requeues the delivery for another try.</item>
/// <item>A delivery that is not a valid record is logged with why and rejected without requeue: the broker moves
/// it, unchanged, to the dead-letter queue's own dead-letter queue (<see cref="QueueTopology.InvalidDeadLetterQueue"/>,
/// <c>qa.dead-letters.invalid</c> by default), where an operator can look at it. It is never dropped, and it
/// never loops.</item>
/// </list>
/// Up to <see cref="Prefetch"/> records are with the store at once, each acked when its own reply comes: the store
/// persists whatever arrived meanwhile in one journal write, so a flood of poison events is stored in batches rather
/// than one write per record. Their order does not matter (a letter is found by its id).
/// </summary>
public sealed class DeadLetterQueueConsumer : ReceiveActor
{
    /// <summary>Records taken from the queue and not yet settled, at most (the most the store gets in one batch from here).</summary>
    public const ushort Prefetch = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Process-wide, so that a restarted instance never takes an old subscription's deliveries for its own.</summary>
    private static int s_generations;

    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly IActorRef _store;
    private readonly TimeSpan _storeTimeout;
    private readonly ILogger _logger;

    /// <summary>Cancels the subscription and the ask in flight when the consumer stops.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private ISubscription? _subscription;
    private int _generation;

    /// <summary>How long the store may take to confirm a record when no timeout is given.</summary>
    public static readonly TimeSpan DefaultStoreTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates the consumer; the store must reply within <paramref name="storeTimeout"/> (default <see cref="DefaultStoreTimeout"/>).</summary>
    public DeadLetterQueueConsumer(ITransport transport, QueueTopology topology, IActorRef store, TimeSpan? storeTimeout = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(store);
        _transport = transport;
        _topology = topology;
        _store = store;
        _storeTimeout = storeTimeout ?? DefaultStoreTimeout;
        _logger = logger ?? NullLogger.Instance;
        ReceiveAsync<Subscribe>(_ => SubscribeAsync());
        Receive<Deliver>(deliver =>
        {
            if (deliver.Generation == _generation) // else from a released subscription: the broker redelivers it
            {
                OnDelivery(deliver.Delivery);
            }
        });
    }

    /// <summary>The props of a consumer (see the constructor).</summary>
    public static Props Props(ITransport transport, QueueTopology topology, IActorRef store, TimeSpan? storeTimeout = null, ILogger? logger = null) =>
        Akka.Actor.Props.Create(() => new DeadLetterQueueConsumer(transport, topology, store, storeTimeout, logger));

    /// <inheritdoc />
    protected override void PreStart() => Self.Tell(Subscribe.Instance);

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_subscription is { } subscription)
        {
            // The broker takes back what is unacknowledged when the subscription goes.
            _subscription = null;
            _ = ReleaseAsync(subscription, _logger);
        }

        _stopping.Cancel();
    }

    private async Task SubscribeAsync()
    {
        var spec = _topology.DeadLetterSpec;
        var generation = _generation = Interlocked.Increment(ref s_generations);
        var self = Self;
        try
        {
            _subscription = await _transport.SubscribeAsync(spec, Prefetch, (delivery, _) =>
            {
                self.Tell(new Deliver(delivery, generation));
                return ValueTask.CompletedTask;
            }, _stopping.Token);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            DeadLetterStoreLog.ConsumerSubscribeFailed(_logger, spec.BrokerQueue, ex.Message);
            throw; // the parent's strategy restarts the consumer
        }

        DeadLetterStoreLog.ConsumerStarted(_logger, spec.BrokerQueue, _topology.InvalidDeadLetterQueue);
    }

    private void OnDelivery(Delivery delivery)
    {
        if (TryRead(delivery.Envelope, out var record, out var problem))
        {
            _ = StoreThenAckAsync(delivery, record);
            return;
        }

        DeadLetterStoreLog.InvalidDelivery(_logger, delivery.Envelope.MessageId, _topology.DeadLetterSpec.BrokerQueue, problem, _topology.InvalidDeadLetterQueue);
        _ = SettleAsync(delivery, ack: false, requeue: false);
    }

    /// <summary>Runs off the actor (many at once): it touches only fields set in the constructor.</summary>
    private async Task StoreThenAckAsync(Delivery delivery, DeadLetterRecord record)
    {
        var token = _stopping.Token;
        try
        {
            if (await _store.Ask<object>(new RecordDeadLetter(record), _storeTimeout, token).ConfigureAwait(false) is not DeadLetterRecorded)
            {
                throw new InvalidOperationException("the store refused the record");
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return; // stopping: left unsettled, the broker redelivers it when the subscription is released
        }
        catch (Exception ex)
        {
            DeadLetterStoreLog.RecordNotConfirmed(_logger, record.Id, _topology.DeadLetterSpec.BrokerQueue, ex.Message);
            await SettleAsync(delivery, ack: false, requeue: true).ConfigureAwait(false);
            return;
        }

        await SettleAsync(delivery, ack: true, requeue: false).ConfigureAwait(false);
    }

    /// <summary>A settle that fails (the connection went) leaves the delivery to the broker, which redelivers it.</summary>
    private async Task SettleAsync(Delivery delivery, bool ack, bool requeue)
    {
        try
        {
            await (ack ? delivery.AckAsync() : delivery.RejectAsync(requeue)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException or OperationCanceledException)
        {
            DeadLetterStoreLog.SettleFailed(_logger, delivery.Envelope.MessageId, _topology.DeadLetterSpec.BrokerQueue, ex.Message);
        }
    }

    /// <summary>Whether the envelope carries a dead-letter record the store can keep; if not, why.</summary>
    internal static bool TryRead(Messaging.Envelope envelope, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeadLetterRecord? record, out string problem)
    {
        record = null;
        if (envelope.ContentType != DeadLetterRecord.QueueContentType)
        {
            problem = $"content type {envelope.ContentType}, not {DeadLetterRecord.QueueContentType}";
            return false;
        }

        try
        {
            record = JsonSerializer.Deserialize<DeadLetterRecord>(envelope.Body.Span, Json);
        }
        catch (JsonException ex)
        {
            problem = $"the body is not a dead-letter record: {ex.Message}";
            return false;
        }

        problem = record switch
        {
            null => "the body is JSON null",
            { Id: var id } when !IsSafeId(id) => "its id is not 1 to 100 ASCII letters, digits, '-' or '_'",
            { Queue: var queue } when !QueueNames.IsValidQueue(queue) => "its queue is not a valid queue name",
            _ => "",
        };
        if (record is not null && !QueueNames.IsValidSite(record.Site))
        {
            // A record of an event that named no site (from a node before DeadLetterRecord.NoSite): kept and
            // listed under the placeholder rather than parked where dead list never shows it.
            record = record with { Site = DeadLetterRecord.NoSite };
        }

        return problem.Length == 0;
    }

    // The same rule DeadLetterFiles applies to file names: the id becomes one.
    private static bool IsSafeId(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static async Task ReleaseAsync(ISubscription subscription, Microsoft.Extensions.Logging.ILogger logger)
    {
        try
        {
            await subscription.DisposeAsync();
        }
        catch (Exception ex)
        {
            DeadLetterStoreLog.ReleaseFailed(logger, subscription.BrokerQueue, ex.Message);
        }
    }

    private sealed record Subscribe
    {
        public static Subscribe Instance { get; } = new();
    }

    private sealed record Deliver(Delivery Delivery, int Generation);
}
