using System.Threading.Channels;
using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.DeadLetterStore;

/// <summary>A transport over another that reports how each delivery was settled ("ack", "requeue", "reject"), in order.</summary>
public sealed class SettlementRecordingTransport(ITransport inner) : DelegatingTransport(inner)
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

    public override Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default) =>
        Inner.SubscribeAsync(spec, prefetch, (delivery, token) => onDelivery(new Recorded(delivery, this), token), cancellationToken);

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
