namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Publishes dead letters again to their site and queue as fresh events (attempts 0, a new message id, the
/// original payload, content type and headers), then persists when each was replayed. Replied with
/// <see cref="DeadLettersReplayed"/>, or <see cref="DeadLetterNotFound"/> when <paramref name="Id"/> is unknown.
/// </summary>
/// <param name="Id">Only this dead letter (replayed even if it was replayed before); null: every dead letter not replayed yet.</param>
/// <param name="Queue">With no id: only the dead letters of this logical queue.</param>
public sealed record ReplayDeadLetters(string? Id = null, string? Queue = null)
{
    /// <summary>Replay one dead letter.</summary>
    public static ReplayDeadLetters One(string id) => new(Id: id);

    /// <summary>Replay every dead letter not replayed yet (of <paramref name="queue"/> only, when given).</summary>
    public static ReplayDeadLetters All(string? queue = null) => new(Queue: queue);
}
