using Akka.Actor;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The circuit of a queue that fails on everything (<see cref="CircuitBreaker"/>): failures in a row reported by the
/// handlers open it, and so does a handler actor stopped past its restart window. While it is open no work is handed
/// out and the deliveries wait, unacknowledged; the opening is logged once. After the pause one event goes as the
/// trial; its failure does not count as an attempt (its handler re-publishes it unchanged).
/// </summary>
internal sealed partial class QueueSupervisor
{
    private const string CircuitTimer = "circuit";
    private readonly CircuitBreaker _circuit;

    private bool TakeWorkPermit(out bool trial) => _circuit.TryTake(out trial);

    private void RecordOutcome(WorkDone done)
    {
        switch (_circuit.Record(done.Succeeded, done.Trial))
        {
            case CircuitChange.Opened:
                CircuitOpened(first: true);
                break;
            case CircuitChange.Reopened:
                CircuitOpened(first: false);
                break;
            case CircuitChange.Closed:
                _queue.Counters.CircuitOpen = false;
                ProcessingLog.CircuitClosed(Shared.Logger, _queue.Queue, _queue.Scope);
                break;
        }
    }

    private void OnHandlerStopped(IActorRef handler)
    {
        if (!_handlers.Remove(handler))
        {
            return;
        }

        _idle.Remove(handler);
        var hadTrial = EndWork(handler) && _circuit.IsTrying && _circuit.TrialOut;
        if (_drainRequester is not null)
        {
            ReplyIfDrained();
            return;
        }

        if (_circuit.IsClosed)
        {
            OpenCircuit(first: true);
        }
        else if (_circuit.IsTrying && (hadTrial || !_circuit.TrialOut))
        {
            OpenCircuit(first: false);
        }
    }

    private void OnTryOneEvent()
    {
        if (_drainRequester is not null)
        {
            return;
        }

        _circuit.BeginTrial();
        while (_handlers.Count < _queue.Settings.Concurrency)
        {
            StartHandler(); // replaces handlers stopped past their restart window
        }

        Dispatch();
    }

    private void OpenCircuit(bool first)
    {
        _circuit.Open(first);
        CircuitOpened(first);
    }

    private void CircuitOpened(bool first)
    {
        if (first)
        {
            ProcessingLog.CircuitOpened(Shared.Logger, _queue.Queue, _queue.Scope, Math.Max(_circuit.FailuresInRow, 1), _circuit.Pause);
        }

        _queue.Counters.CircuitOpen = true;
        Timers.StartSingleTimer(CircuitTimer, TryOneEvent.Instance, _circuit.Pause);
    }
}
