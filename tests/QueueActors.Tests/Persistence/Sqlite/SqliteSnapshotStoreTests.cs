namespace QueueActors.Tests.Persistence.Sqlite;

public sealed class SqliteSnapshotStoreTests() : SnapshotStoreBehaviour(new SqlitePersistenceBackend());
