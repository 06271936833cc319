using System.Text.Json;

namespace QueueActors.Processors.Webhook;

/// <summary>The event of the webhook queue: POST <see cref="Payload"/> (as JSON) to <see cref="Url"/> (http or https).</summary>
public sealed record WebhookEvent(string Url, JsonElement Payload);
