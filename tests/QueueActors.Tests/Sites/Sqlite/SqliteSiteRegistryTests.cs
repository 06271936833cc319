using QueueActors.Tests.Persistence;

namespace QueueActors.Tests.Sites.Sqlite;

public sealed class SqliteSiteRegistryTests() : SiteRegistryBehaviour(new SqlitePersistenceBackend());
