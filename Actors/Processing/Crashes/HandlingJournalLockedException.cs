namespace QueueActors.Actors.Processing.Crashes;

/// <summary>Another process holds the handling journal of this node name on this data directory.</summary>
public sealed class HandlingJournalLockedException(string path, Exception inner)
    : IOException($"Another process runs this node (its name on this data directory) already: {path} is locked. Give each process its own queueactors.node.name or data-directory.", inner)
{
    /// <summary>The journal's lock file.</summary>
    public string LockPath { get; } = path;
}
