namespace QueueActors.Actors.Persistence.Postgres;

/// <summary>Journal and snapshots in a shared PostgreSQL database.</summary>
public static class PostgresPersistence
{
    /// <summary>The component name of the journal and snapshot tables in schema_version.</summary>
    public const string SchemaComponent = "persistence";

    /// <summary>Creates or migrates the journal and snapshot tables, then returns stores over them.</summary>
    public static async Task<PersistenceStores> CreateAsync(PostgresDatabase database, PersistenceSettings settings, IPersistenceSerializer? serializer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.MigrateAsync(SchemaComponent, cancellationToken).ConfigureAwait(false);
        return new PersistenceStores(new PostgresJournal(database), new PostgresSnapshotStore(database), settings, serializer);
    }
}
