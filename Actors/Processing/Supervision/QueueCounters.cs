namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// What one broker queue did since processing started, for <see cref="ProcessingService.GetStatus"/>:
/// written by its supervisor and handler actors with Interlocked (no lock, no message), read from any thread.
/// </summary>
internal sealed class QueueCounters
{
    private int _inFlight;
    private long _handled;
    private long _failed;
    private long _deadLettered;
    private int _circuitOpen;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Handled => Interlocked.Read(ref _handled);

    public long Failed => Interlocked.Read(ref _failed);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public bool CircuitOpen
    {
        get => Volatile.Read(ref _circuitOpen) != 0;
        set => Volatile.Write(ref _circuitOpen, value ? 1 : 0);
    }

    public void AddInFlight(int events) => Interlocked.Add(ref _inFlight, events);

    public void AddHandled(int events) => Interlocked.Add(ref _handled, events);

    public void AddFailed(int events) => Interlocked.Add(ref _failed, events);

    public void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);
}
