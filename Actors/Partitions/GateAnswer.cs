namespace QueueActors.Actors.Partitions;

/// <summary>A <see cref="PartitionGate"/>'s answer to a partition about to start an event.</summary>
/// <param name="Granted">The event may start now (its token is taken).</param>
/// <param name="Trial">It goes as the circuit's trial.</param>
/// <param name="WakeIn">Not granted: when to ask again; null when the gate says so itself (<see cref="GateOpened"/>).</param>
internal readonly record struct GateAnswer(bool Granted, bool Trial, TimeSpan? WakeIn)
{
    public static GateAnswer Go(bool trial) => new(true, trial, null);

    public static GateAnswer WaitFor(TimeSpan wait) => new(false, false, wait);

    /// <summary>Another partition's trial is out: the gate tells this one when it has ended.</summary>
    public static GateAnswer WaitForTrial => new(false, false, null);
}
