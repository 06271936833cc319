using QueueActors.Actors.Processing;
using QueueActors.Actors.Push;
using QueueActors.TestKit.Processing;
using Xunit;

namespace QueueActors.Tests.Push;

/// <summary>The test harness gives handlers an in-memory <see cref="IClientPush"/> whose pushes a test asserts on.</summary>
public sealed class HarnessPushTests
{
    [Fact]
    public async Task A_handler_that_pushes_in_the_harness_leaves_its_pushes_for_the_test()
    {
        await using var harness = await ProcessingHarness.StartAsync(services => services.AddQueueHandler<MessageSentHandler>("sent"));

        var id = await harness.Publisher.PublishAsync("42", "sent", new SentMessage("7", "hello"));
        await harness.Recorder.WaitForHandledAsync(id);

        var push = Assert.Single(harness.Pushes.To(PushChannel.User("42", "7")));
        Assert.Equal(("message", """{"text":"hello"}"""), (push.EventType, push.Data));
        Assert.Single(harness.Pushes.Pushes);
    }

    [Fact]
    public async Task A_bad_event_type_or_channel_is_refused_with_a_clear_error()
    {
        var push = new InMemoryClientPush();
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await push.PushAsync(PushChannel.Site("1"), "two words", 1));
        Assert.Contains("white space", error.Message, StringComparison.Ordinal);
        Assert.Contains("no ':'", Assert.Throws<ArgumentException>(() => PushChannel.User("1", "a:b")).Message, StringComparison.Ordinal);
        Assert.Equal("topic:1:a:b c", PushChannel.Parse("topic:1:a:b c").Name);
    }

    /// <summary>The event of <see cref="MessageSentHandler"/>.</summary>
    public sealed record SentMessage(string To, string Text);

    /// <summary>Tells the receiver's open clients that a message came.</summary>
    public sealed class MessageSentHandler(IClientPush push) : IQueueHandler<SentMessage>
    {
        public async ValueTask HandleAsync(SentMessage @event, HandlerContext context, CancellationToken cancellationToken) =>
            await push.PushAsync(PushChannel.User(context.Site, @event.To), "message", new { text = @event.Text }, cancellationToken);
    }
}
