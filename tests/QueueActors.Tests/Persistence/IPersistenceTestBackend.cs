namespace QueueActors.Tests.Persistence;

/// <summary>One backend under the persistence behaviour tests: a real SQLite file or a real PostgreSQL database, new for each test.</summary>
public interface IPersistenceTestBackend : IAsyncDisposable
{
    /// <summary>Akka.Persistence.Sql on this backend's database as the default journal and snapshot store (the same database for every system of the test).</summary>
    Akka.Configuration.Config AkkaConfig { get; }

    /// <summary>Opens the backend's own database (the transport's) and migrates <paramref name="component"/>'s tables, as a node does on start.</summary>
    Task MigrateAsync(string component);

    /// <summary>Runs SQL on the backend's own database (for schema tests).</summary>
    Task ExecuteSqlAsync(string sql);

    /// <summary>The versions of <paramref name="component"/> recorded in schema_version, in order.</summary>
    Task<IReadOnlyList<int>> AppliedVersionsAsync(string component);
}
