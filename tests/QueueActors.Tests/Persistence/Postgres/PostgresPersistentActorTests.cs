using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Persistence.Postgres;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresPersistentActorTests(PostgresFixture postgres) : PersistentActorBehaviour(new PostgresPersistenceBackend(postgres, typeof(PostgresPersistentActorTests)));
