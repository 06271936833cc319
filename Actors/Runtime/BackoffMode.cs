namespace QueueActors.Actors.Runtime;

/// <summary>When a <see cref="BackoffSupervisor"/> restarts its child.</summary>
public enum BackoffMode
{
    OnFailure,
    OnStop,
}
