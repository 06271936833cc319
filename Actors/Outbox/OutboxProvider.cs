namespace QueueActors.Actors.Outbox;

/// <summary>The kind of application database an outbox table lives in.</summary>
public enum OutboxProvider
{
    /// <summary>A SQLite file (Microsoft.Data.Sqlite); the relay polls it.</summary>
    Sqlite,

    /// <summary>PostgreSQL (Npgsql); the relay is woken by LISTEN/NOTIFY and claims rows with FOR UPDATE SKIP LOCKED.</summary>
    Postgresql,
}
