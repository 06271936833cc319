using Akka.Actor;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The circuit of a queue that fails on everything:
/// <list type="number">
/// <item>Closed: work flows; failures in a row are counted and a success resets the count.</item>
/// <item>Open (after <c>circuit-breaker.failures</c> in a row, or when a handler actor was stopped past its
/// restart window): no work is handed out; the pause is logged once. The deliveries wait, unacknowledged.</item>
/// <item>Trying (after the pause): one event is handed out as a trial; its failure does not count as an
/// attempt. Success closes the circuit (logged); failure opens it again for twice the pause.</item>
/// </list>
/// </summary>
internal sealed partial class QueueSupervisor
{
    private const string CircuitTimer = "circuit";
    private CircuitState _circuit;
    private int _failuresInRow;
    private TimeSpan _pause;
    private bool _trialOut;

    private enum CircuitState
    {
        Closed,
        Open,
        Trying,
    }

    private bool TakeWorkPermit(out bool trial)
    {
        trial = false;
        switch (_circuit)
        {
            case CircuitState.Closed:
                return true;
            case CircuitState.Trying when !_trialOut:
                _trialOut = true;
                trial = true;
                return true;
            default:
                return false;
        }
    }

    private void RecordOutcome(WorkDone done)
    {
        if (done.Trial)
        {
            _trialOut = false;
            if (done.Succeeded)
            {
                CloseCircuit();
            }
            else
            {
                OpenCircuit(first: false);
            }
        }
        else if (_circuit == CircuitState.Closed)
        {
            _failuresInRow = done.Succeeded ? 0 : _failuresInRow + 1;
            if (_failuresInRow >= Shared.Settings.CircuitBreaker.Failures)
            {
                OpenCircuit(first: true);
            }
        }
    }

    private void OnHandlerStopped(IActorRef handler)
    {
        if (!_handlers.Remove(handler))
        {
            return;
        }

        _idle.Remove(handler);
        var hadTrial = EndWork(handler) && _circuit == CircuitState.Trying && _trialOut;
        if (_drainRequester is not null)
        {
            ReplyIfDrained();
            return;
        }

        if (_circuit == CircuitState.Closed)
        {
            OpenCircuit(first: true);
        }
        else if (_circuit == CircuitState.Trying && (hadTrial || !_trialOut))
        {
            _trialOut = false;
            OpenCircuit(first: false);
        }
    }

    private void OnTryOneEvent()
    {
        if (_drainRequester is not null)
        {
            return;
        }

        _circuit = CircuitState.Trying;
        while (_handlers.Count < _queue.Settings.Concurrency)
        {
            StartHandler(); // replaces handlers stopped past their restart window
        }

        Dispatch();
    }

    private void OpenCircuit(bool first)
    {
        var settings = Shared.Settings.CircuitBreaker;
        _pause = first ? settings.MinBackoff : TimeSpan.FromTicks(Math.Min(_pause.Ticks * 2, settings.MaxBackoff.Ticks));
        if (first)
        {
            ProcessingLog.CircuitOpened(Shared.Logger, _queue.Queue, _queue.Scope, Math.Max(_failuresInRow, 1), _pause);
        }

        _circuit = CircuitState.Open;
        _queue.Counters.CircuitOpen = true;
        Timers.StartSingleTimer(CircuitTimer, TryOneEvent.Instance, _pause);
    }

    private void CloseCircuit()
    {
        _circuit = CircuitState.Closed;
        _queue.Counters.CircuitOpen = false;
        _failuresInRow = 0;
        ProcessingLog.CircuitClosed(Shared.Logger, _queue.Queue, _queue.Scope);
    }
}
