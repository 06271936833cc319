using QueueActors.Actors.Processing;

namespace QueueActors.Host.Demo;

/// <summary>The demo's flaky queue: a little work, and a random failure on <see cref="FailureRate"/> of the attempts.</summary>
[Queue(DemoQueues.Digest)]
public sealed class DigestHandler : IQueueHandler<DemoEvent>
{
    /// <summary>The share of attempts that fail.</summary>
    public const double FailureRate = 0.2;

    public async ValueTask HandleAsync(DemoEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4)), cancellationToken).ConfigureAwait(false);
        if (Random.Shared.NextDouble() < FailureRate)
        {
            throw new TimeoutException($"digest for {context.Site}: the mail server timed out (attempt {context.Attempts + 1})");
        }
    }
}
