using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Persistence;
using Xunit;

namespace QueueActors.Tests.Sites.Postgres;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresSiteRegistryTests(PostgresFixture postgres) : SiteRegistryBehaviour(new PostgresPersistenceBackend(postgres));
