namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>One dead letter: replied with its <see cref="DeadLetterEntry"/>, or <see cref="DeadLetterNotFound"/>.</summary>
public sealed record ShowDeadLetter(string Id);
