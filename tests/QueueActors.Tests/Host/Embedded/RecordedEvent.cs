namespace QueueActors.Tests.Host.Embedded;

/// <summary>The payload of the embedded-node tests' events.</summary>
public sealed record RecordedEvent(string Text);
