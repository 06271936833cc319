namespace QueueActors.Actors.Runtime;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> restarts its child: after min·2ⁿ (capped at max) times a random
/// factor in [1, 1 + RandomFactor], n counting restarts since the child last ran for <see cref="ResetAfter"/>.
/// </summary>
public sealed record BackoffOptions(Props ChildProps, string ChildName, TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor)
{
    /// <summary>A child that has run this long without stopping resets the backoff; the minimum backoff when unset.</summary>
    public TimeSpan? ResetAfter { get; init; }

    /// <summary>OnFailure: restart only a child that failed (a child that stops by itself stops the supervisor too).
    /// OnStop: restart a child whenever it stops; failures are handled by the default strategy.</summary>
    public BackoffMode Mode { get; init; } = BackoffMode.OnFailure;

    /// <summary>The delay before restart number <paramref name="restartCount"/> (0-based).</summary>
    public TimeSpan DelayFor(int restartCount, double random)
    {
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(restartCount, 30));
        var jittered = Math.Min(MaxBackoff.TotalMilliseconds, exponential) * (1 + (random * RandomFactor));
        return jittered >= MaxBackoff.TotalMilliseconds ? MaxBackoff : TimeSpan.FromMilliseconds(jittered);
    }
}
