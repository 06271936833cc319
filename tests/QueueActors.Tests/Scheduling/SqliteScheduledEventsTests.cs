using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>The SQL transport on SQLite, with the scheduled events in the same file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteScheduledEventsTests(ITestOutputHelper output) : ScheduledEventsBehaviour(output)
{
    protected override async Task<ITransport> OpenTransportAsync(IList<IAsyncDisposable> owned)
    {
        var database = await TestDatabases.OpenSqliteAsync(DataDirectory.Path);
        owned.Add(database);
        return await SqlTransport.OpenSqliteAsync(database, SqlTestTransports.Settings);
    }
}
