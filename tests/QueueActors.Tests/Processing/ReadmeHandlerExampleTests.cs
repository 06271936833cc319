using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.TestKit.Processing;
using Xunit;

namespace QueueActors.Tests.Processing;

/// <summary>The handler and the test README.md shows, kept compiling and passing here.</summary>
public sealed class ReadmeHandlerExampleTests
{
    [Fact]
    public async Task Sends_the_welcome_email()
    {
        var services = new ServiceCollection().AddQueueHandler<WelcomeEmailHandler>().BuildServiceProvider();
        var publisher = new InlinePublisher(services);

        await publisher.PublishAsync("example.org", "email", new WelcomeEmail("ada@example.org"));

        Assert.Single(publisher.Recorder.Handled);
        Assert.Empty(publisher.Recorder.DeadLettered);
    }

    public sealed record WelcomeEmail(string To);

    [Queue("email")]
    public sealed class WelcomeEmailHandler : IQueueHandler<WelcomeEmail>
    {
        public ValueTask HandleAsync(WelcomeEmail @event, HandlerContext context, CancellationToken cancellationToken)
        {
            // Send it; throw to have it retried with backoff, then dead-lettered.
            return ValueTask.CompletedTask;
        }
    }
}
