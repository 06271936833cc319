using System.Text.Json;
using QueueActors.Actors.Processing;

namespace QueueActors.Processors.Webhook;

/// <summary>
/// The webhook processor: POSTs each <see cref="WebhookEvent"/>'s payload, signed (<see cref="WebhookSignature"/>), to its
/// URL (<see cref="WebhookSender"/>). 5xx and timeouts are retried with the queue's backoff; 4xx is dead-lettered at once
/// with the status.
/// </summary>
[Queue(QueueName)]
public sealed class WebhookHandler(WebhookSender sender) : IQueueHandler<WebhookEvent>
{
    /// <summary>The queue it consumes unless registered on another.</summary>
    public const string QueueName = "webhook";

    public async ValueTask HandleAsync(WebhookEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(@event.Payload);
        await sender.PostAsync(@event.Url, body, context.MessageId, cancellationToken).ConfigureAwait(false);
    }
}
