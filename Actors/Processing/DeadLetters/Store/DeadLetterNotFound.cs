namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The reply to <see cref="ShowDeadLetter"/> or to a <see cref="ReplayDeadLetters"/> of one id that the store does not hold.</summary>
public sealed record DeadLetterNotFound(string Id);
