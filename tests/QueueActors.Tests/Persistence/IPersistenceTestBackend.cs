using QueueActors.Actors.Persistence;

namespace QueueActors.Tests.Persistence;

/// <summary>One backend under the persistence behaviour tests.</summary>
public interface IPersistenceTestBackend : IAsyncDisposable
{
    /// <summary>Opens the backend's database (again, if opened before in this test: same data) and stores over it.</summary>
    Task<PersistenceStores> CreateStoresAsync(PersistenceSettings settings);

    /// <summary>Runs SQL on the backend's database (for schema tests).</summary>
    Task ExecuteSqlAsync(string sql);

    /// <summary>The versions of <paramref name="component"/> recorded in schema_version, in order.</summary>
    Task<IReadOnlyList<int>> AppliedVersionsAsync(string component);
}
