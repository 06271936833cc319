using QueueActors.Actors.Persistence;
using QueueActors.Tests.Infrastructure;
using QueueActors.TestKit;

namespace QueueActors.Tests.Persistence;

/// <summary>
/// What every persistence behaviour test needs: stores on the subclass's backend (a SQLite file in a temp
/// directory, or the test class's database in the PostgreSQL test cluster), closed after the actor system stopped.
/// </summary>
public abstract class PersistenceTestBase(IPersistenceTestBackend backend) : TestKitBase
{
    protected IPersistenceTestBackend Backend { get; } = backend;

    /// <summary>Opens the database (again, if opened before in this test: same data) and stores over it.</summary>
    protected Task<PersistenceStores> OpenStoresAsync(int replayBatchSize = 100) => Backend.CreateStoresAsync(TestDatabases.Persistence(replayBatchSize));

    protected static string NewPersistenceId(string what) => $"{what}-{Guid.NewGuid():N}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
