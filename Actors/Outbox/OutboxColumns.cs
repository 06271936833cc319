namespace QueueActors.Actors.Outbox;

/// <summary>The columns the relay reads, in <see cref="OutboxRow"/>'s order (Dapper maps them by name).</summary>
internal static class OutboxColumns
{
    public const string Select = "seq AS Seq, id AS Id, site AS Site, queue AS Queue, content_type AS ContentType, payload AS Payload, created_at AS CreatedAt, partition_key AS PartitionKey";
}
