using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.TestKit.Processing;
using Xunit;

namespace QueueActors.Tests.Processing;

public sealed class InlinePublisherTests
{
    private readonly HandlerScript _script = new();

    [Fact]
    public async Task Publish_calls_the_registered_handler_at_once_after_a_json_round_trip()
    {
        TestEvent? seen = null;
        _script.OnEvent = (e, context, _) =>
        {
            seen = e;
            Assert.Equal("site.example", context.Site);
            return ValueTask.CompletedTask;
        };
        var publisher = new InlinePublisher(Services());

        var id = await publisher.PublishAsync("site.example", "work", new TestEvent("hi", 7));

        Assert.Equal(new TestEvent("hi", 7), seen);
        Assert.Equal(id, Assert.Single(publisher.Recorder.Handled).Envelope.MessageId);
    }

    [Fact]
    public async Task Publish_can_call_a_function_the_test_gives_with_the_payload_as_json()
    {
        var calls = new List<(string, string, JsonElement)>();
        var publisher = new InlinePublisher((site, queue, json, _) =>
        {
            calls.Add((site, queue, json));
            return ValueTask.CompletedTask;
        });

        await publisher.PublishAsync("s", "digest", new { UserId = 3 });

        var (site, queue, payload) = Assert.Single(calls);
        Assert.Equal(("s", "digest"), (site, queue));
        Assert.Equal(3, payload.GetProperty("userId").GetInt32());
    }

    [Fact]
    public async Task A_failing_handler_is_retried_then_dead_lettered_in_the_recorder()
    {
        _script.OnEvent = (_, _, _) => throw new InvalidOperationException("nope");
        var publisher = new InlinePublisher(Services(), maxRetries: 2);

        var id = await publisher.PublishAsync("s", "work", new TestEvent("x"));

        Assert.Equal([1, 2], publisher.Recorder.Retried.Select(r => r.Attempt));
        var record = Assert.Single(publisher.Recorder.DeadLettered);
        Assert.Equal((id, DeadLetterReason.RetriesExhausted, 3), (record.MessageId, record.Reason, record.Attempts));
    }

    [Fact]
    public async Task A_payload_the_handler_cannot_read_is_dead_lettered_without_a_call()
    {
        var called = false;
        _script.OnEvent = (_, _, _) =>
        {
            called = true;
            return ValueTask.CompletedTask;
        };
        var publisher = new InlinePublisher(Services(), maxRetries: 3);

        await publisher.PublishAsync("s", "work", new[] { 1, 2 });

        Assert.False(called);
        Assert.Equal(DeadLetterReason.Undecodable, Assert.Single(publisher.Recorder.DeadLettered).Reason);
    }

    private ServiceProvider Services() =>
        new ServiceCollection().AddSingleton(_script).AddQueueHandler<ScriptedHandler>().BuildServiceProvider();
}
