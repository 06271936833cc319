using QueueActors.Actors.Processing;

namespace QueueActors.Tests.Processors.FanOut;

/// <summary>Stage 2 of the test fan-out: records each call; the ledger's failing target always throws.</summary>
public sealed class NoticeDeliveryHandler(FanOutLedger ledger) : IQueueHandler<NoticeDelivery>
{
    public ValueTask HandleAsync(NoticeDelivery @event, HandlerContext context, CancellationToken cancellationToken)
    {
        ledger.DeliveryCalls.Enqueue((@event.Target, context.MessageId));
        return @event.Target == ledger.FailingTarget
            ? throw new InvalidOperationException($"target {@event.Target} is unreachable")
            : ValueTask.CompletedTask;
    }
}
