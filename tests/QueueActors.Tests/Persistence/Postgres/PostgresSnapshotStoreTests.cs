using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Persistence.Postgres;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSnapshotStoreTests(PostgresFixture postgres) : SnapshotStoreBehaviour(new PostgresPersistenceBackend(postgres, typeof(PostgresSnapshotStoreTests)));
