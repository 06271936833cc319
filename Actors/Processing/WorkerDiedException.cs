namespace QueueActors.Actors.Processing;

/// <summary>The reason recorded for an event whose workers died handling it (no exception was ever caught).</summary>
public sealed class WorkerDiedException(string message) : Exception(message);
