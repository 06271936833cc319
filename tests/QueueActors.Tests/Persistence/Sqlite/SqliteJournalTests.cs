namespace QueueActors.Tests.Persistence.Sqlite;

public sealed class SqliteJournalTests() : JournalBehaviour(new SqlitePersistenceBackend());
