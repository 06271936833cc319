using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Pause and resume, following <see cref="ProcessingContext.Paused"/> (read again at every start, so a pause
/// survives a restart of this actor):
/// <list type="number">
/// <item>Pause: the subscription stops (no new deliveries), deliveries no handler started go back to the
/// broker queue uncounted, the work in flight finishes; then the subscription is released.</item>
/// <item>Resume: subscribes again at once, or, while paused work is still finishing, right after the release
/// (releasing earlier would make the broker redeliver the events in flight).</item>
/// </list>
/// </summary>
internal sealed partial class QueueSupervisor
{
    private bool _paused;
    private bool _subscriptionStopped;

    private async ValueTask ApplyPauseAsync(IActorRef requester)
    {
        var paused = Shared.Paused.Contains(queue.Key);
        if (paused != _paused && _drainRequester is null)
        {
            _paused = paused;
            if (paused)
            {
                await PauseAsync().ConfigureAwait(false);
            }
            else
            {
                RuntimeLog.QueueResumed(Shared.Logger, queue.Queue, queue.Scope);
                requester.Tell(PauseApplied.Instance, Self);
                await SubscribeAsync().ConfigureAwait(false); // no-op while the paused subscription is being released
                return;
            }
        }

        requester.Tell(PauseApplied.Instance, Self);
        await ReleaseIfPausedAsync().ConfigureAwait(false);
    }

    private async ValueTask PauseAsync()
    {
        if (_subscription is { } subscription && !_subscriptionStopped)
        {
            _subscriptionStopped = true;
            await subscription.StopAsync().ConfigureAwait(false);
        }

        var unstarted = _pending.ToArray();
        _pending.Clear();
        RuntimeLog.QueuePaused(Shared.Logger, queue.Queue, queue.Scope, _busy.Count, unstarted.Length);
        await Task.WhenAll(unstarted.Select(d => Shared.Outcomes.HandBackAsync(d, queue.Spec.BrokerQueue).AsTask())).ConfigureAwait(false);
    }

    /// <summary>Once a stopped subscription has nothing in flight: release it, and subscribe again if resumed meanwhile.</summary>
    private ValueTask ReleaseIfPausedAsync()
    {
        if (!_subscriptionStopped || _drainRequester is not null || _busy.Count > 0 || _subscription is null)
        {
            return ValueTask.CompletedTask;
        }

        return ReleaseStoppedAsync(_subscription);
    }

    private async ValueTask ReleaseStoppedAsync(Transport.ISubscription subscription)
    {
        _subscription = null;
        _subscriptionStopped = false;
        await ReleaseAsync(subscription, Shared).ConfigureAwait(false);
        if (!_paused)
        {
            await SubscribeAsync().ConfigureAwait(false);
        }
    }
}
