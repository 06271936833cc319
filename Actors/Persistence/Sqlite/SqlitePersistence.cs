namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>Journal and snapshots in the embedded SQLite database.</summary>
public static class SqlitePersistence
{
    /// <summary>The component name of the journal and snapshot tables in schema_version.</summary>
    public const string SchemaComponent = "persistence";

    /// <summary>Creates or migrates the journal and snapshot tables, then returns stores over them.</summary>
    public static async Task<PersistenceStores> CreateAsync(SqliteDatabase database, PersistenceSettings settings, IPersistenceSerializer? serializer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.MigrateAsync(SchemaComponent, cancellationToken).ConfigureAwait(false);
        return new PersistenceStores(new SqliteJournal(database), new SqliteSnapshotStore(database), settings, serializer);
    }
}
