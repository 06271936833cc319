using QueueActors.Actors.Messaging;
using QueueActors.Actors.Uniqueness;
using QueueActors.TestKit;
using QueueActors.Tests.Processing;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>Delayed and unique events in the TestKit harness: held in memory, delivered on demand (DeliverDue) instead of waited for.</summary>
public sealed class HarnessScheduledEventsTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    [Fact]
    public async Task A_delayed_event_waits_until_the_test_delivers_what_is_due_and_only_what_is_due()
    {
        await StartAsync();
        var result = await Harness.Publisher.PublishAsync("s1", WorkQueue, new TestEvent("later"), new PublishOptions { Delay = TimeSpan.FromHours(1) });

        Assert.Equal(PublishOutcome.Scheduled, result.Outcome);
        Assert.InRange(result.DeliverAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        var summary = Assert.Single(await Harness.Scheduled.SummarizeAsync());
        Assert.Equal(("qa." + WorkQueue, 1L), (summary.BrokerQueue, summary.Count));
        Assert.Equal(0, Harness.Scheduled.DeliverDue(TimeSpan.FromMinutes(58)));
        await Recorder.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));

        Assert.Equal(1, Harness.Scheduled.DeliverDue(TimeSpan.FromHours(1)));
        await Recorder.WaitForHandledAsync(result.MessageId);
        Assert.Empty(await Harness.Scheduled.ListAsync());
    }

    [Fact]
    public async Task A_cancelled_event_is_never_handled()
    {
        await StartAsync();
        var result = await Harness.Publisher.PublishAsync("s1", WorkQueue, new TestEvent("cancelled"), new PublishOptions { DeliverAt = DateTimeOffset.UtcNow.AddHours(1) });

        Assert.Equal(result.MessageId, Assert.Single(await Harness.Scheduled.ListAsync(site: "s1")).MessageId);
        Assert.True(await Harness.Scheduled.CancelAsync(result.MessageId));
        Assert.False(await Harness.Scheduled.CancelAsync(result.MessageId));
        Assert.Equal(0, Harness.Scheduled.DeliverDue());
        await Recorder.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_second_publish_with_the_same_key_is_dropped_and_answered_with_the_first_events_id()
    {
        await StartAsync();
        var unique = new PublishOptions { UniqueKey = "welcome:42", UniqueFor = TimeSpan.FromMinutes(5) };
        var first = await Harness.Publisher.PublishAsync("s1", WorkQueue, new TestEvent("first"), unique);
        var second = await Harness.Publisher.PublishAsync("s1", WorkQueue, new TestEvent("second"), unique);

        Assert.Equal(PublishOutcome.Published, first.Outcome);
        Assert.Equal((first.MessageId, PublishOutcome.Duplicate), (second.MessageId, second.Outcome));
        await Recorder.WaitForHandledAsync(first.MessageId);
        await Recorder.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));
        Assert.Single(Recorder.Handled);
    }

    [Fact]
    public async Task A_unique_key_is_taken_over_once_its_window_ran_out_and_given_back_only_by_its_holder()
    {
        var clock = new ManualTimeProvider();
        var keys = new InMemoryUniqueKeys(clock);

        Assert.Equal("a", await keys.TakeAsync("k", "a", clock.GetUtcNow().AddMinutes(5)));
        Assert.Equal("a", await keys.TakeAsync("k", "b", clock.GetUtcNow().AddMinutes(5)));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("b", await keys.TakeAsync("k", "b", clock.GetUtcNow().AddMinutes(5)));
        await keys.ReleaseAsync("k", "a");
        Assert.Equal("b", await keys.TakeAsync("k", "c", clock.GetUtcNow().AddMinutes(5)));
        await keys.ReleaseAsync("k", "b");
        Assert.Equal("c", await keys.TakeAsync("k", "c", clock.GetUtcNow().AddMinutes(5)));
    }
}
