namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>A dead letter that a replay could not publish.</summary>
/// <param name="Id">The dead letter's id.</param>
/// <param name="Error">What went wrong (the transport's or validation's message).</param>
public sealed record DeadLetterReplayFailure(string Id, string Error);
