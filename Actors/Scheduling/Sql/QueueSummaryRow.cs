namespace QueueActors.Actors.Scheduling.Sql;

/// <summary>A row of <see cref="ScheduledSql.Summarize"/>.</summary>
internal sealed class QueueSummaryRow
{
    public string BrokerQueue { get; set; } = "";

    public long Count { get; set; }

    public long NextDue { get; set; }

    public ScheduledQueueSummary ToSummary() => new(BrokerQueue, Count, DateTimeOffset.FromUnixTimeMilliseconds(NextDue));
}
