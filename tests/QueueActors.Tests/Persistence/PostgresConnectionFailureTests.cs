using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using Xunit;

namespace QueueActors.Tests.Persistence;

/// <summary>A database that cannot be reached fails with a clear message that never shows the password.</summary>
public sealed class PostgresConnectionFailureTests
{
    [Fact]
    public async Task An_unreachable_database_fails_with_the_masked_connection_string()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var settings = new PostgresSettings { ConnectionString = "Host=127.0.0.1;Port=1;Username=qa;Password=s3cret;Database=qa;Timeout=2" };

        var error = await Assert.ThrowsAsync<PersistenceException>(() => PostgresDatabase.OpenAsync(settings));

        Assert.Contains("Cannot connect to PostgreSQL at", error.Message);
        Assert.Contains("Password=***", error.Message);
        Assert.DoesNotContain("s3cret", error.ToString());
    }
}
