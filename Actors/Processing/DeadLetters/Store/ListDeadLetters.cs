namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// The dead letters, oldest first (by id, which starts with the failure time), optionally of one site and/or one
/// logical queue, at most <paramref name="Limit"/> of them. Replied with <see cref="DeadLetterList"/>.
/// </summary>
public sealed record ListDeadLetters(string? Site = null, string? Queue = null, int Limit = ListDeadLetters.DefaultLimit)
{
    /// <summary>The limit when none is given.</summary>
    public const int DefaultLimit = 100;
}
