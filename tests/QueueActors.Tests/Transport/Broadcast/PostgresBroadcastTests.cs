using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresBroadcastTests(PostgresFixture postgres) : BroadcastBehaviour
{
    protected override async Task<ITransport> CreateTransportAsync() =>
        await SqlTestTransports.OpenPostgresAsync(await postgres.DatabaseFor(typeof(PostgresBroadcastTests)));

    protected override async Task<ITransport?> OpenPeerAsync() =>
        await SqlTestTransports.OpenPostgresAsync(await postgres.DatabaseFor(typeof(PostgresBroadcastTests)));
}
