namespace QueueActors.Actors.Processing;

/// <summary>Restarts a supervisor allows one child within <see cref="Within"/> (-1: unlimited).</summary>
public sealed record RestartWindow(int MaxRestarts, TimeSpan Within);
