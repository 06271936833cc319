namespace QueueActors.Tests.Persistence.Sqlite;

public sealed class SqliteSchemaMigrationTests() : SchemaMigrationBehaviour(new SqlitePersistenceBackend());
