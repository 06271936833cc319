namespace QueueActors.Actors.Push;

/// <summary>An event as its channel's owner numbered it: held in the channel's history and sent to its subscribers.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Position">The owner's epoch and the event's sequence number.</param>
/// <param name="EventType">What the handler called it (the SSE <c>event:</c>).</param>
/// <param name="Data">The payload as JSON.</param>
/// <param name="At">When the owner took it (for <c>history-age</c>).</param>
public sealed record PushedEvent(string Channel, PushPosition Position, string EventType, string Data, DateTimeOffset At);
