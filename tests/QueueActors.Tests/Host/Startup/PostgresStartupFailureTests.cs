using Npgsql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Startup;

/// <summary>
/// <c>queueactors run</c> against a real PostgreSQL that refuses the login or the database: exit code 3 and one
/// line, as <c>publish</c> says it; no stack trace, no password.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresStartupFailureTests(PostgresFixture postgres) : IDisposable
{
    private const string Password = "pw-never-shown";
    private readonly TempDirectory folder = new();

    [Theory]
    [InlineData("a role that does not exist", "nobody", "qa", "role \"nobody\" does not exist")]
    [InlineData("a database that does not exist", "qa", "qa_missing", "database \"qa_missing\" does not exist")]
    public async Task Run_against_a_refusing_PostgreSQL_exits_3_with_one_line(string name, string user, string database, string reason)
    {
        var connection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = postgres.Server.Port, Username = user, Password = Password, Database = database }.ConnectionString;
        var config = $"""
            queueactors.data-directory = "{folder.Path}/data"
            queueactors.sql-transport.backend = postgres
            queueactors.postgres.connection-string = "{connection}"
            """;

        var (code, error, output) = await StartupFailure.RunAsync(folder.Path, config);

        Assert.True(code == 3, $"{name}: exit code {code}; output:\n{output}");
        Assert.StartsWith("error: Cannot connect to PostgreSQL at ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
