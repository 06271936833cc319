using Akka.Actor;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Pause and resume, following <see cref="ProcessingContext.Holds"/> (a pause or quiet mode; read again at every
/// start, so either survives a restart of this actor):
/// <list type="number">
/// <item>Pause: the subscription stops (no new deliveries), deliveries no handler started go back to the
/// broker queue uncounted, the work in flight finishes; then the subscription is released.</item>
/// <item>Resume: subscribes again at once, or, while paused work is still finishing, right after the release
/// (releasing earlier would make the broker redeliver the events in flight).</item>
/// </list>
/// </summary>
internal sealed partial class QueueSupervisor
{
    /// <summary>Paused or quiet: takes no deliveries.</summary>
    private bool _held;
    private bool _subscriptionStopped;

    private async Task ApplyPauseAsync(IActorRef requester)
    {
        var held = Shared.Holds(_queue.Key);
        if (held != _held && _drainRequester is null)
        {
            _held = held;
            if (held)
            {
                await PauseAsync();
            }
            else
            {
                RuntimeLog.QueueResumed(Shared.Logger, _queue.Queue, _queue.Scope);
                requester.Tell(PauseApplied.Instance, Self);
                await SubscribeAsync(); // no-op while the paused subscription is being released
                return;
            }
        }

        requester.Tell(PauseApplied.Instance, Self);
        await ReleaseIfPausedAsync();
    }

    private async Task PauseAsync()
    {
        if (_subscription is { } subscription && !_subscriptionStopped)
        {
            _subscriptionStopped = true;
            await subscription.StopAsync();
        }

        var unstarted = _pending.ToArray();
        _pending.Clear();
        RuntimeLog.QueueHeld(Shared.Logger, _queue.Queue, _queue.Scope, Shared.HoldOf(_queue.Key), _busy.Count, unstarted.Length);
        await Task.WhenAll(unstarted.Select(d => Shared.Outcomes.HandBackAsync(d, _queue.Spec.BrokerQueue).AsTask()));
    }

    /// <summary>Whether a stopped subscription has nothing in flight any more, and is to be released.</summary>
    private bool ReleaseDue => _subscriptionStopped && _drainRequester is null && _busy.Count == 0 && _subscription is not null;

    /// <summary>
    /// After a handler's message (handled synchronously, the hot path): the release, which awaits, is a turn of
    /// its own (<see cref="ReleasePaused"/>), checked again when it comes.
    /// </summary>
    private void ReleaseWhenIdle()
    {
        if (ReleaseDue)
        {
            Self.Tell(ReleasePaused.Instance);
        }
    }

    /// <summary>Once a stopped subscription has nothing in flight: release it, and subscribe again if resumed meanwhile.</summary>
    private Task ReleaseIfPausedAsync() => ReleaseDue ? ReleaseStoppedAsync(_subscription!) : Task.CompletedTask;

    private async Task ReleaseStoppedAsync(Transport.ISubscription subscription)
    {
        _subscription = null;
        _subscriptionStopped = false;
        await ReleaseAsync(subscription, Shared);
        if (!_held)
        {
            await SubscribeAsync();
        }
    }
}
