using QueueActors.Actors.Processing;

namespace QueueActors.Host.Demo;

/// <summary>The demo's broken queue: its endpoint is down, every attempt fails, every event ends in dead letters.</summary>
[Queue(DemoQueues.Webhook)]
public sealed class WebhookHandler : IQueueHandler<DemoEvent>
{
    public ValueTask HandleAsync(DemoEvent @event, HandlerContext context, CancellationToken cancellationToken) =>
        throw new HttpRequestException($"webhook of {context.Site}: 503 Service Unavailable");
}
