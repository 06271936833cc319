using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Scheduling.Sql;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Actors.Uniqueness;
using QueueActors.Actors.Uniqueness.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Scheduling;

/// <summary>The SQL transport on SQLite, with the scheduled events in the same file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteScheduledEventsTests(ITestOutputHelper output) : ScheduledEventsBehaviour(output)
{
    private readonly TempDirectory _directory = new();

    protected override async Task<(ITransport Transport, IScheduledEvents Store, IUniqueKeys Keys)> OpenAsync(TimeProvider time, IList<IAsyncDisposable> owned)
    {
        var (store, keys) = await OpenOtherNodeAsync(time, owned);
        var database = await TestDatabases.OpenSqliteAsync(_directory.Path);
        owned.Add(database);
        var transport = await SqlTransport.OpenSqliteAsync(database, SqlTestTransports.Settings);
        owned.Add(transport);
        return (transport, store, keys);
    }

    protected override async Task<(IScheduledEvents Store, IUniqueKeys Keys)> OpenOtherNodeAsync(TimeProvider time, IList<IAsyncDisposable> owned)
    {
        var database = await TestDatabases.OpenSqliteAsync(_directory.Path);
        owned.Add(database);
        return (await SqliteScheduledEvents.OpenAsync(database, time), new SqliteUniqueKeys(database, time));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
