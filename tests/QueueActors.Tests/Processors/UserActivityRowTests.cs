using QueueActors.Processors.UserActivity;
using Xunit;

namespace QueueActors.Tests.Processors;

public sealed class UserActivityRowTests
{
    [Fact]
    public void A_batch_folds_into_one_row_per_user_and_query_with_the_count_and_the_latest_time()
    {
        var at = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.FromHours(2));
        UserActivityEvent[] events =
        [
            new("ada", "/messages", at), new("ada", "/messages", at.AddMinutes(5)), new("bob", "/messages", at),
            new("ada", "/users", at.AddMinutes(1)), new("ada", "/messages", at.AddMinutes(-3)),
        ];

        var rows = UserActivityRow.Aggregate(events);

        Assert.Equal(
            [
                new UserActivityRow("ada", "/messages", 3, at.AddMinutes(5).ToUniversalTime()),
                new UserActivityRow("bob", "/messages", 1, at.ToUniversalTime()),
                new UserActivityRow("ada", "/users", 1, at.AddMinutes(1).ToUniversalTime()),
            ],
            rows);
    }
}
