namespace QueueActors.Host.Workers;

/// <summary>What the master does with a worker that ended: start it again after <see cref="Delay"/>, or not (<see cref="Reason"/> says why).</summary>
public sealed record RespawnDecision(bool Respawn, TimeSpan Delay, string Reason)
{
    public static RespawnDecision After(TimeSpan delay, string reason) => new(true, delay, reason);

    public static RespawnDecision Stop(string reason) => new(false, TimeSpan.Zero, reason);
}
