namespace QueueActors.Host.Workers;

/// <summary>How one worker of a master ended for good.</summary>
public enum WorkerEnd
{
    /// <summary>Stopped: the master stopped it, or it exited 0 (stopped on request).</summary>
    Stopped,

    /// <summary>It kept failing to start (or could not be started at all): the master gave up on it.</summary>
    GaveUp,
}
