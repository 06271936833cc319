using QueueActors.Actors.Processing;

namespace MyApp;

/// <summary>Handles the events of the queue <c>email</c>, one at a time per handler actor.</summary>
[Queue("email")]
public sealed class WelcomeEmailHandler : IQueueHandler<WelcomeEmail>
{
    public ValueTask HandleAsync(WelcomeEmail @event, HandlerContext context, CancellationToken cancellationToken)
    {
        // Send it here; throw to have it retried with backoff, then dead-lettered.
        Console.WriteLine($"welcome email to {@event.To} (site {context.Site}, message {context.MessageId})");
        return ValueTask.CompletedTask;
    }
}
