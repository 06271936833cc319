using QueueActors.Tests.Persistence;

namespace QueueActors.Tests.DeadLetterStore.Sqlite;

public sealed class SqliteDeadLetterStoreRecoveryTests() : DeadLetterStoreRecoveryBehaviour(new SqlitePersistenceBackend());
