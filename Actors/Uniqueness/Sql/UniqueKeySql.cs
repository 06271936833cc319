namespace QueueActors.Actors.Uniqueness.Sql;

/// <summary>The statements on <c>qa_unique_keys</c>, the same on SQLite and PostgreSQL (Dapper's <c>@name</c> parameters; times Unix ms).</summary>
internal static class UniqueKeySql
{
    /// <summary>Insert if absent; an expired key is taken over (the conflict's update applies only then). Returns the row only when taken.</summary>
    public const string Take = """
        INSERT INTO qa_unique_keys (unique_key, message_id, expires_at) VALUES (@key, @mid, @expires)
        ON CONFLICT (unique_key) DO UPDATE SET message_id = excluded.message_id, expires_at = excluded.expires_at
        WHERE qa_unique_keys.expires_at <= @now
        RETURNING message_id
        """;

    public const string Holder = "SELECT message_id FROM qa_unique_keys WHERE unique_key = @key";

    public const string Release = "DELETE FROM qa_unique_keys WHERE unique_key = @key AND message_id = @mid";

    public const string Sweep = "DELETE FROM qa_unique_keys WHERE expires_at <= @now";

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
