using System.Threading.Channels;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>A transport over another that reports how each delivery was settled ("ack", "requeue", "reject"), in order.</summary>
public sealed class SettlementRecordingTransport(ITransport inner) : ITransport
{
    private readonly Channel<(string MessageId, string Settlement)> _settlements = Channel.CreateUnbounded<(string, string)>();

    /// <summary>The next settlement, failing after <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<(string MessageId, string Settlement)> ExpectSettlementAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _settlements.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No delivery was settled within {timeout ?? TimeSpan.FromSeconds(10)}.");
        }
    }

    /// <summary>True when nothing was settled that was not taken by <see cref="ExpectSettlementAsync"/>.</summary>
    public bool NothingSettled => !_settlements.Reader.TryPeek(out _);

    public Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default) => inner.DeclareAsync(spec, cancellationToken);

    public ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default) => inner.PublishAsync(brokerQueue, envelope, cancellationToken);

    public ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default) =>
        inner.PublishDelayedAsync(brokerQueue, envelope, delay, cancellationToken);

    public Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
        inner.SubscribeAsync(spec, prefetch, (delivery, token) => onDelivery(new Recorded(delivery, this), token), cancellationToken);

    public Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default) => inner.PurgeAsync(brokerQueue, cancellationToken);

    public ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        inner.BroadcastAsync(channel, message, cancellationToken);

    public Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default) =>
        inner.SubscribeBroadcastAsync(channel, onMessage, cancellationToken);

    public Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default) => inner.GetStatusAsync(brokerQueue, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class Recorded(Delivery inner, SettlementRecordingTransport owner) : Delivery(inner.Envelope, inner.DeliveryCount)
    {
        protected override async ValueTask AckCoreAsync(CancellationToken cancellationToken)
        {
            await inner.AckAsync(cancellationToken);
            owner._settlements.Writer.TryWrite((Envelope.MessageId, "ack"));
        }

        protected override async ValueTask RejectCoreAsync(bool requeue, CancellationToken cancellationToken)
        {
            await inner.RejectAsync(requeue, cancellationToken);
            owner._settlements.Writer.TryWrite((Envelope.MessageId, requeue ? "requeue" : "reject"));
        }
    }
}
