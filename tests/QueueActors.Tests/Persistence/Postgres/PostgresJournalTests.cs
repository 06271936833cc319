using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Persistence.Postgres;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalTests(PostgresFixture postgres) : JournalBehaviour(new PostgresPersistenceBackend(postgres, typeof(PostgresJournalTests)));
