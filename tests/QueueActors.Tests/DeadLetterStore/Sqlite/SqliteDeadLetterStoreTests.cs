using QueueActors.Tests.Persistence;

namespace QueueActors.Tests.DeadLetterStore.Sqlite;

public sealed class SqliteDeadLetterStoreTests() : DeadLetterStoreBehaviour(new SqlitePersistenceBackend());
