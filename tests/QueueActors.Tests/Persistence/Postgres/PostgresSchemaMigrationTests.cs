using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Persistence.Postgres;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaMigrationTests(PostgresFixture postgres) : SchemaMigrationBehaviour(new PostgresPersistenceBackend(postgres));
