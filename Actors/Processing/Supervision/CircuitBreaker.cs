namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The circuit of a queue that fails on everything, as a state machine; its owner keeps the time (the trial comes
/// <see cref="Pause"/> after an opening: <see cref="BeginTrial"/>), logs and shows the state:
/// <list type="number">
/// <item>Closed: work flows; failures in a row are counted and a success resets the count.</item>
/// <item>Open (after <c>circuit-breaker.failures</c> in a row, or when the owner says so): no work goes.</item>
/// <item>Trying (after the pause): one piece of work goes as the trial, whose failure the owner does not count as an
/// attempt. Success closes the circuit; failure opens it again for twice the pause, up to <c>max-backoff</c>.</item>
/// </list>
/// Not thread-safe: a queue supervisor uses it from its actor, a <c>PartitionGate</c> under its lock.
/// </summary>
internal sealed class CircuitBreaker(CircuitBreakerSettings settings)
{
    private State _state;

    private enum State
    {
        Closed,
        Open,
        Trying,
    }

    public bool IsClosed => _state == State.Closed;

    /// <summary>Open and waiting for its pause to end (not yet trying).</summary>
    public bool IsWaiting => _state == State.Open;

    public bool IsTrying => _state == State.Trying;

    /// <summary>Whether the trial is out (trying, and its outcome not known yet).</summary>
    public bool TrialOut { get; private set; }

    public int FailuresInRow { get; private set; }

    /// <summary>How long the circuit stays open this time.</summary>
    public TimeSpan Pause { get; private set; }

    /// <summary>Whether a piece of work may go now, and whether it is the trial (then it is taken out).</summary>
    public bool TryTake(out bool trial)
    {
        trial = false;
        switch (_state)
        {
            case State.Closed:
                return true;
            case State.Trying when !TrialOut:
                TrialOut = true;
                trial = true;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Counts the outcome of a piece of work this circuit let go; says whether it opened or closed the circuit.</summary>
    public CircuitChange Record(bool succeeded, bool trial)
    {
        if (trial)
        {
            if (succeeded)
            {
                _state = State.Closed;
                FailuresInRow = 0;
                TrialOut = false;
                return CircuitChange.Closed;
            }

            Open(first: false);
            return CircuitChange.Reopened;
        }

        if (_state == State.Closed)
        {
            FailuresInRow = succeeded ? 0 : FailuresInRow + 1;
            if (FailuresInRow >= settings.Failures)
            {
                Open(first: true);
                return CircuitChange.Opened;
            }
        }

        return CircuitChange.None;
    }

    /// <summary>Opens the circuit: for <c>min-backoff</c> the first time, then twice the last pause (a trial failed or was lost).</summary>
    public void Open(bool first)
    {
        Pause = first ? settings.MinBackoff : TimeSpan.FromTicks(Math.Min(Pause.Ticks * 2, settings.MaxBackoff.Ticks));
        _state = State.Open;
        TrialOut = false;
    }

    /// <summary>The pause is over: the next piece of work is the trial.</summary>
    public void BeginTrial() => _state = State.Trying;
}
