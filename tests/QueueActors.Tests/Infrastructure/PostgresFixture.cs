using System.Collections.Concurrent;
using Xunit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL cluster of the <see cref="PostgresCollection"/>, started once for all its tests, and a
/// database per test class (<see cref="DatabaseFor"/>), created on first use.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);

    public PostgresServer Server { get; private set; } = null!;

    /// <summary>The connection string of the database of <paramref name="testClass"/> (the same for all its tests).</summary>
    public Task<string> DatabaseFor(Type testClass)
    {
        var name = "qa_" + testClass.Name.ToLowerInvariant();
        return _databases.GetOrAdd(name, n => new Lazy<Task<string>>(() => Server.CreateDatabaseAsync(n))).Value;
    }

    public async Task InitializeAsync() => Server = await PostgresServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
