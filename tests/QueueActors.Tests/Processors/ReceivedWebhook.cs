namespace QueueActors.Tests.Processors;

/// <summary>One request <see cref="WebhookReceiver"/> got, and the status it answered (negative: it hung).</summary>
public sealed record ReceivedWebhook(string Name, byte[] Body, string Signature, string MessageId, string? ContentType, int Status);
