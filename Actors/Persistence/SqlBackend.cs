namespace QueueActors.Actors.Persistence;

/// <summary>Which database holds journals, snapshots or SQL queues.</summary>
public enum SqlBackend
{
    /// <summary>The embedded default: a SQLite file under the data directory.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several nodes.</summary>
    Postgres,
}
