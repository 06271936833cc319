using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Scheduling.Sql;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Uniqueness;
using QueueActors.Actors.Uniqueness.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>The SQL transport on PostgreSQL, with the scheduled events in the same database.</summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresScheduledEventsTests(PostgresFixture postgres, ITestOutputHelper output) : ScheduledEventsBehaviour(output)
{
    protected override async Task<ITransport> OpenTransportAsync(IList<IAsyncDisposable> owned) =>
        await SqlTestTransports.OpenPostgresAsync(await postgres.DatabaseFor(GetType()));

    protected override async Task<(IScheduledEvents Store, IUniqueKeys Keys)> OpenOtherNodeAsync(TimeProvider time, IList<IAsyncDisposable> owned)
    {
        var database = await TestDatabases.OpenPostgresAsync(await postgres.DatabaseFor(GetType()));
        owned.Add(database);
        return (await PostgresScheduledEvents.OpenAsync(database, time), new PostgresUniqueKeys(database, time));
    }
}
