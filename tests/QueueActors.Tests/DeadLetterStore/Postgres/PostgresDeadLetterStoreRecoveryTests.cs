using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Persistence;
using Xunit;

namespace QueueActors.Tests.DeadLetterStore.Postgres;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeadLetterStoreRecoveryTests(PostgresFixture postgres) : DeadLetterStoreRecoveryBehaviour(new PostgresPersistenceBackend(postgres));
