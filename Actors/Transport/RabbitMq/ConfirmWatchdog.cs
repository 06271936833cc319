namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The publish timeout without a token per publish. A cancellable token handed to the client costs every publish a
/// registration on it and a promise (about 140 bytes) around the confirm it waits for. Instead each server counts the
/// publishes it started and finished, and its timer asks <see cref="IsStuck"/> every eighth of the timeout: when
/// publishes wait and none has finished for the whole timeout, the server is stuck (a hung or blocked broker), and
/// the server aborts its connection. That fails every publish waiting on it at once (each fails over to the next
/// server) and makes the server reconnect.
/// </summary>
internal sealed class ConfirmWatchdog(TimeSpan timeout, TimeProvider time)
{
    /// <summary>How often the server's timer should call <see cref="IsStuck"/>.</summary>
    public TimeSpan CheckInterval { get; } = timeout / 8;

    private long _started;
    private long _finished;

    // Only the timer's callback reads and writes these, one call at a time.
    private long _finishedAtLastCheck = -1;
    private long? _stalledSince;

    public void Started() => Interlocked.Increment(ref _started);

    /// <summary>Called once per <see cref="Started"/>, whether the publish was confirmed or failed.</summary>
    public void Finished() => Interlocked.Increment(ref _finished);

    /// <summary>True once publishes have waited the whole timeout with none finished; then it counts afresh.</summary>
    public bool IsStuck()
    {
        var now = time.GetTimestamp();
        var finished = Volatile.Read(ref _finished); // read first: a publish counted finished was counted started before
        var waiting = Volatile.Read(ref _started) - finished;
        if (waiting <= 0 || finished != _finishedAtLastCheck)
        {
            _finishedAtLastCheck = finished;
            _stalledSince = waiting > 0 ? now : null;
            return false;
        }

        // A publish that began after the last check gets at least the timeout: the stall is counted from this check.
        _stalledSince ??= now;
        if (time.GetElapsedTime(_stalledSince.Value, now) < timeout)
        {
            return false;
        }

        _stalledSince = null;
        return true;
    }
}
