using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresRedeliveryTests(PostgresFixture postgres) : RedeliveryBehaviour
{
    protected override async Task<ITransport> CreateTransportAsync() =>
        await SqlTestTransports.OpenPostgresAsync(await postgres.DatabaseFor(typeof(PostgresRedeliveryTests)));
}
