namespace QueueActors.Actors.Push;

/// <summary>A push <see cref="InMemoryClientPush"/> kept: <paramref name="Data"/> is the payload as JSON (web defaults: camelCase).</summary>
public sealed record RecordedPush(PushChannel Channel, string EventType, string Data);
