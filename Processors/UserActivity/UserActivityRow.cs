namespace QueueActors.Processors.UserActivity;

/// <summary>What one batch adds for one (user, query): <see cref="Count"/> more visits, the latest at <see cref="LastVisit"/>.</summary>
public sealed record UserActivityRow(string User, string Query, long Count, DateTimeOffset LastVisit)
{
    /// <summary>One row per (user, query) of <paramref name="events"/>, in first-seen order.</summary>
    public static IReadOnlyList<UserActivityRow> Aggregate(IEnumerable<UserActivityEvent> events) =>
        [.. events
            .GroupBy(e => (e.User, e.Query))
            .Select(group => new UserActivityRow(group.Key.User, group.Key.Query, group.LongCount(), group.Max(e => e.Time).ToUniversalTime()))];
}
