using QueueActors.Tests.Persistence;

namespace QueueActors.Tests.DeadLetterStore.Sqlite;

public sealed class SqliteDeadLetterFilesAgreementTests() : DeadLetterFilesAgreementBehaviour(new SqlitePersistenceBackend());
