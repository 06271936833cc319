namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Deletes dead letters (entries and files): all, or those whose last failure is older than
/// <paramref name="OlderThan"/>. Replied with <see cref="DeadLettersPurged"/>.
/// </summary>
public sealed record PurgeDeadLetters(TimeSpan? OlderThan = null);
