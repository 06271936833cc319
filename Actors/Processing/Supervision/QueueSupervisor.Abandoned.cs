namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// Handlers that ignore their cancellation token: at the timeout the event is settled (retried or
/// dead-lettered) and the handler actor restarts, but the abandoned code keeps running. Until it really ends
/// it holds one slot of the queue's concurrency and its events count as in flight, so that the handlers
/// running at once never exceed <c>concurrency</c>. Logged once when abandoned, and once when it ends.
/// </summary>
internal sealed partial class QueueSupervisor
{
    private int _abandoned;
    private int _abandonedEvents;

    /// <summary>Whether one more handler may start: those at work and those abandoned but running stay within concurrency.</summary>
    private bool HasFreeSlot => _busy.Count + _abandoned < _queue.Settings.Concurrency;

    private void OnHandlerAbandoned(HandlerAbandoned abandoned)
    {
        _abandoned++;
        _abandonedEvents += abandoned.Events;
        _queue.AddInFlight(abandoned.Events);
        ProcessingLog.HandlerAbandoned(Shared.Logger, _queue.Queue, _queue.Scope, _queue.Settings.Timeout, _abandoned);
    }

    private void OnAbandonedHandlerEnded(AbandonedHandlerEnded ended)
    {
        if (_abandoned == 0)
        {
            return; // abandoned under an earlier instance of this supervisor, which forgot its counts when it stopped
        }

        _abandoned--;
        _abandonedEvents -= ended.Events;
        _queue.AddInFlight(-ended.Events);
        ProcessingLog.AbandonedHandlerEnded(Shared.Logger, _queue.Queue, _queue.Scope, _abandoned);
        Dispatch();
    }
}
