using System.Collections.Concurrent;

namespace QueueActors.Tests.Processors.FanOut;

/// <summary>What the fan-out test's handlers did: the queues they run on, the target that always fails, and every call.</summary>
public sealed class FanOutLedger(string noticeQueue, string deliveryQueue, string failingTarget)
{
    public string NoticeQueue { get; } = noticeQueue;

    public string DeliveryQueue { get; } = deliveryQueue;

    public string FailingTarget { get; } = failingTarget;

    public ConcurrentQueue<string> NoticeCalls { get; } = new();

    /// <summary>(target, message id) of every stage-2 call.</summary>
    public ConcurrentQueue<(string Target, string MessageId)> DeliveryCalls { get; } = new();

    public int CallsOf(string target) => DeliveryCalls.Count(call => call.Target == target);
}
