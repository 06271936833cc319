using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>Publish, handle, retry and dead-letter through real RabbitMQ: the broker holds the retry delays.</summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqProcessingTests(RabbitMqFixture brokers, ITestOutputHelper output) : RabbitProcessingTestBase(brokers, output)
{
    [Fact]
    public async Task A_published_event_is_handled_and_acknowledged_from_a_durable_quorum_queue()
    {
        await StartAsync(Config($"queueactors.messaging.persistent = [{WorkQueue}]"), await ConnectAsync());

        var id = await PublishAsync("example.com", "hello");

        await Recorder.WaitForHandledAsync(id, TimeSpan.FromSeconds(10));
        var queues = await Brokers.Primary.CtlAsync("list_queues", "name", "type", "durable", "messages", "--no-table-headers", "-q");
        Assert.Contains($"qa.{WorkQueue}\tquorum\ttrue\t0", queues);
        Assert.Contains($"qa.{BatchQueue}\tclassic\tfalse\t0", queues);
    }

    [Fact]
    public async Task A_failing_event_is_retried_after_a_broker_held_delay_and_then_succeeds()
    {
        Script.OnEvent = (_, context, _) => context.Attempts < 2 ? throw new InvalidOperationException("flaky") : ValueTask.CompletedTask;
        await StartAsync(Config($"queueactors.messaging.persistent = [{WorkQueue}]"), await ConnectAsync());

        var id = await PublishAsync("s1", "flaky");

        var handled = await Recorder.WaitForHandledAsync(id, TimeSpan.FromSeconds(10));
        Assert.Equal(2, handled.Envelope.Attempts);
        Assert.NotNull(handled.Envelope.FirstFailedAt);
        Assert.Equal([1, 2], Recorder.Retried.Select(r => r.Attempt));
    }

    [Fact]
    public async Task Retries_exhausted_end_as_a_dead_letter_file_and_a_record_on_the_dead_letter_queue()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("always");
        await StartAsync(Config("queueactors.processing.max-retries = 2"), await ConnectAsync());

        var id = await PublishAsync("s1", "doomed");

        var record = await Recorder.WaitForDeadLetterAsync(id, TimeSpan.FromSeconds(10));
        Assert.Equal((DeadLetterReason.RetriesExhausted, 3), (record.Reason, record.Attempts));
        Assert.Equal(record.Id + ".json", Path.GetFileName(Assert.Single(Harness.DeadLetterFiles())));
        Assert.Equal(1, (await Harness.Transport.GetStatusAsync(DeadLetterQueue)).MessagesReady);
        Assert.Equal(0, (await Harness.Transport.GetStatusAsync("qa." + WorkQueue)).MessagesReady);
    }

    [Fact]
    public async Task An_undecodable_payload_is_dead_lettered_without_a_retry()
    {
        await StartAsync(Config(), await ConnectAsync());
        var bad = new Envelope { Site = "s1", Queue = WorkQueue, EnqueuedAt = DateTimeOffset.UtcNow, Body = "[1,2"u8.ToArray() };

        await Harness.Transport.PublishAsync("qa." + WorkQueue, bad);

        var record = await Recorder.WaitForDeadLetterAsync(bad.MessageId, TimeSpan.FromSeconds(10));
        Assert.Equal(DeadLetterReason.Undecodable, record.Reason);
        Assert.Empty(Recorder.Retried);
        Assert.Equal(1, (await Harness.Transport.GetStatusAsync(DeadLetterQueue)).MessagesReady);
    }

    [Fact]
    public async Task A_slow_breakout_site_does_not_delay_another_site()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Script.OnEvent = async (_, context, _) =>
        {
            if (context.Site == "slow.example")
            {
                await release.Task;
            }
        };
        await StartAsync(Config($"queueactors.messaging.breakout = [\"slow.example/{WorkQueue}\"]"), await ConnectAsync());

        for (var i = 0; i < 5; i++)
        {
            await PublishAsync("slow.example", "stuck " + i);
        }

        var fast = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            fast.Add(await PublishAsync("fast.example", "quick " + i));
        }

        foreach (var id in fast)
        {
            await Recorder.WaitForHandledAsync(id, TimeSpan.FromSeconds(10));
        }

        Assert.DoesNotContain(Recorder.Handled, h => h.Envelope.Site == "slow.example");
        Assert.Equal(1, (await Harness.Transport.GetStatusAsync($"qa.slow.example.{WorkQueue}")).Consumers); // its own broker queue
        release.SetResult();
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 15, "the slow site's events handled once released", TimeSpan.FromSeconds(10));
    }
}
