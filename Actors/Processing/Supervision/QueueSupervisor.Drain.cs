using Akka.Actor;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Graceful stop of one queue: 1. the subscription stops (one cancel per server, no per-message work);
/// 2. deliveries no handler started are handed back to the broker queue; 3. once the handlers in flight
/// finish, the subscription is released and the requester gets <see cref="Drained"/>.
/// </summary>
internal sealed partial class QueueSupervisor
{
    private bool _drainReplied;

    private async Task DrainAsync(IActorRef requester)
    {
        if (_drainRequester is not null)
        {
            return;
        }

        _drainRequester = requester;
        Timers.Cancel(CircuitTimer);
        if (_subscription is { } subscription && !_subscriptionStopped)
        {
            _subscriptionStopped = true;
            await subscription.StopAsync();
        }

        var unstarted = _pending.ToArray();
        _pending.Clear();
        ProcessingLog.Draining(Shared.Logger, _queue.Queue, _queue.Scope, _busy.Count, unstarted.Length);
        await Task.WhenAll(unstarted.Select(d => Shared.Outcomes.HandBackAsync(d, _queue.Spec.BrokerQueue).AsTask()));
        ReplyIfDrained();
    }

    private void ReplyIfDrained()
    {
        if (_drainRequester is not { } requester || _busy.Count > 0 || _drainReplied)
        {
            return;
        }

        _drainReplied = true;
        var subscription = _subscription;
        _subscription = null;
        _ = ReleaseThenReplyAsync(subscription, requester, Self, Shared);
    }

    private static async Task ReleaseThenReplyAsync(ISubscription? subscription, IActorRef requester, IActorRef self, ProcessingContext shared)
    {
        if (subscription is not null)
        {
            await ReleaseAsync(subscription, shared).ConfigureAwait(false);
        }

        requester.Tell(Drained.Instance, self);
    }
}
