using QueueActors.Actors.Processing;
using QueueActors.Processors.FanOut;

namespace QueueActors.Tests.Processors.FanOut;

/// <summary>Stage 1 of the test fan-out: a notice goes to targets t0 … t(n-1) on the ledger's delivery queue.</summary>
public sealed class NoticeFanOut(FanOutPublisher publisher, FanOutLedger ledger) : FanOutHandler<Notice, NoticeDelivery>(publisher)
{
    protected override string TargetQueue => ledger.DeliveryQueue;

    protected override ValueTask<IReadOnlyList<(string Key, NoticeDelivery Event)>> TargetsAsync(Notice @event, HandlerContext context, CancellationToken cancellationToken)
    {
        ledger.NoticeCalls.Enqueue(context.MessageId);
        IReadOnlyList<(string, NoticeDelivery)> targets = [.. Enumerable.Range(0, @event.Targets).Select(i => ($"t{i}", new NoticeDelivery($"t{i}", @event.Text)))];
        return ValueTask.FromResult(targets);
    }
}
