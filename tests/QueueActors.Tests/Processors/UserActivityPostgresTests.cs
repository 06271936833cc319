using QueueActors.Processors.UserActivity;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

[Collection(PostgresCollection.Name)]
public sealed class UserActivityPostgresTests(PostgresFixture postgres, ITestOutputHelper output) : UserActivityProcessorTests(output)
{
    private string? _database;

    /// <summary>A fresh database per test: the fixture's cluster, one database each.</summary>
    protected override async Task<UserActivitySettings> DatabaseAsync()
    {
        _database ??= await postgres.Server.CreateDatabaseAsync("qa_activity_" + Guid.NewGuid().ToString("N")[..8]);
        return new UserActivitySettings { Backend = UserActivityBackend.Postgres, ConnectionString = _database };
    }
}
