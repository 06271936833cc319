namespace QueueActors.Tests.Persistence.Sqlite;

public sealed class SqlitePersistentActorTests() : PersistentActorBehaviour(new SqlitePersistenceBackend());
