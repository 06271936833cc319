namespace QueueActors.Tests.Push;

/// <summary>One server-sent event as a client read it.</summary>
public sealed record SseEvent(string Id, string Type, string Data);
