using QueueActors.Actors.Processing;

namespace QueueActors.Host.Demo;

/// <summary>The demo's well-behaved queue: every event is handled at once.</summary>
[Queue(DemoQueues.Welcome)]
public sealed class WelcomeHandler : IQueueHandler<DemoEvent>
{
    public async ValueTask HandleAsync(DemoEvent @event, HandlerContext context, CancellationToken cancellationToken) =>
        await Task.Yield();
}
