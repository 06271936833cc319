namespace QueueActors.Actors.Processing.Stats;

/// <summary>One line of a queue's error log: a failed attempt at an event.</summary>
/// <param name="Time">When the attempt failed (UTC).</param>
/// <param name="EventId">The event's message id.</param>
/// <param name="Site">The event's site.</param>
/// <param name="Attempt">Which attempt failed, from 1.</param>
/// <param name="ExceptionType">The exception's full type name.</param>
/// <param name="Message">The exception's message.</param>
public sealed record QueueErrorEntry(DateTimeOffset Time, string EventId, string Site, int Attempt, string ExceptionType, string Message);
