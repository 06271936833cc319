namespace QueueActors.Actors.Scheduling.Sql;

/// <summary>The statements on <c>qa_scheduled</c> that read the same on SQLite and PostgreSQL (parameters are Dapper's <c>@name</c>).</summary>
internal static class ScheduledSql
{
    public const string Insert = """
        INSERT INTO qa_scheduled (message_id, broker_queue, site, logical_queue, due_at, enqueued_at, content_type, headers, payload, partition_key)
        VALUES (@mid, @queue, @site, @lq, @due, @enq, @ct, @headers, @payload, @pkey)
        """;

    public const string List = $"""
        SELECT {ScheduledRow.ListColumns} FROM qa_scheduled
        WHERE (CAST(@queue AS TEXT) IS NULL OR broker_queue = @queue) AND (CAST(@site AS TEXT) IS NULL OR site = @site)
        ORDER BY due_at, id LIMIT @limit
        """;

    /// <summary>Only an unclaimed row (or one whose claim ran out): a row being relayed is already on its way.</summary>
    public const string Cancel = "DELETE FROM qa_scheduled WHERE message_id = @mid AND (claimed_until IS NULL OR claimed_until <= @now)";

    public const string Summarize = "SELECT broker_queue AS BrokerQueue, COUNT(*) AS Count, MIN(due_at) AS NextDue FROM qa_scheduled GROUP BY broker_queue ORDER BY broker_queue";

    public const string Delete = "DELETE FROM qa_scheduled WHERE id = @id";

    public const string Release = "UPDATE qa_scheduled SET claimed_until = NULL WHERE id = @id";

    /// <summary>A claimed row becomes claimable again when its claim runs out, an unclaimed one when it is due.</summary>
    public const string NextDue = "SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until > due_at THEN claimed_until ELSE due_at END) FROM qa_scheduled";

    /// <summary>The due rows a claim may take; PostgreSQL appends FOR UPDATE SKIP LOCKED.</summary>
    public const string DueIds = "SELECT id FROM qa_scheduled WHERE due_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now) ORDER BY due_at, id LIMIT @max";

    public const string ClaimPrefix = "UPDATE qa_scheduled SET claimed_until = @until WHERE id IN (";

    public const string ClaimSuffix = $") RETURNING {ScheduledRow.Columns}";
}
