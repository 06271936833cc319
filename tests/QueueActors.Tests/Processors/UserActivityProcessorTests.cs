using QueueActors.Actors.Processing;
using QueueActors.Processors;
using QueueActors.Processors.UserActivity;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

/// <summary>The user-activity processor on a real database: SQLite here, PostgreSQL in <see cref="UserActivityPostgresTests"/>.</summary>
[Trait("Category", "Integration")]
public abstract class UserActivityProcessorTests(ITestOutputHelper output) : ProcessorHarnessTestBase(output)
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    protected abstract Task<UserActivitySettings> DatabaseAsync();

    [Fact]
    public async Task A_batch_adds_its_counts_with_one_upsert_per_user_and_query_and_keeps_the_latest_visit()
    {
        var store = new UserActivityStore(await DatabaseAsync());
        var handler = new UserActivityHandler(store);
        await handler.HandleBatchAsync([Queued("ada", "/messages", At), Queued("ada", "/messages", At.AddMinutes(2)), Queued("bob", "/users", At)], CancellationToken.None);

        // A later batch: its counts add up; its older visit does not move last_visit back.
        var upserts = await store.AddAsync(UserActivityRow.Aggregate([new("ada", "/messages", At.AddMinutes(-10)), new("ada", "/messages", At.AddMinutes(-5))]), CancellationToken.None);

        Assert.Equal(1, upserts);
        Assert.Equal(new UserActivityRow("ada", "/messages", 4, At.AddMinutes(2)), await store.FindAsync("ada", "/messages"));
        Assert.Equal(new UserActivityRow("bob", "/users", 1, At), await store.FindAsync("bob", "/users"));
    }

    [Fact]
    public async Task Events_published_on_the_queue_are_counted_through_the_pipeline()
    {
        var settings = await DatabaseAsync();
        await StartAsync(services => services.AddUserActivityProcessor(settings), "queueactors.processing.queue-overrides.user_activity { batch-size = 50, prefetch = 50 }");

        for (var i = 0; i < 30; i++)
        {
            await Harness.Publisher.PublishAsync("example.org", "user_activity", new UserActivityEvent(i % 3 == 0 ? "bob" : "ada", "/messages", At.AddSeconds(i)));
        }

        await Recorder.WaitUntilAsync(r => r.Handled.Count == 30, "all 30 activity events handled");
        var store = new UserActivityStore(settings);
        Assert.Equal(new UserActivityRow("ada", "/messages", 20, At.AddSeconds(29)), await store.FindAsync("ada", "/messages"));
        Assert.Equal(new UserActivityRow("bob", "/messages", 10, At.AddSeconds(27)), await store.FindAsync("bob", "/messages"));
    }

    private static QueuedEvent<UserActivityEvent> Queued(string user, string query, DateTimeOffset time) =>
        new(new UserActivityEvent(user, query, time), new HandlerContext { Site = "s", Queue = "user_activity", MessageId = Guid.NewGuid().ToString("N"), Attempts = 0, EnqueuedAt = time });
}
