using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Persistence.Postgres;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Actors.Transport.Sql;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>The data directory, SQLite, PostgreSQL, persistence and SQL transport sections bound into typed settings.</summary>
public sealed class PersistenceSettingsBindingTests
{
    [Fact]
    public void Reference_defaults_give_the_embedded_sqlite_store_under_data()
    {
        var config = ConfigLoader.LoadText("", Hocon.Environment());

        var sqlite = SqliteSettings.FromConfig(config);
        var persistence = PersistenceSettings.FromConfig(config);
        var transport = SqlTransportSettings.FromConfig(config);

        Assert.Equal(Path.GetFullPath("./data/queueactors.db"), sqlite.FilePath);
        Assert.True(sqlite.FullSync);
        Assert.Equal(SqlBackend.Sqlite, persistence.Backend);
        Assert.Equal(SqlBackend.Sqlite, transport.Backend);
        Assert.Equal(TimeSpan.FromMinutes(5), transport.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), transport.ReclaimInterval);
        Assert.Equal(64, transport.ClaimBatchSize);
    }

    [Theory]
    [InlineData("queueactors.persistence.backend = mysql", "queueactors.persistence.backend", "sqlite or postgres")]
    [InlineData("queueactors.sqlite.synchronous = off", "queueactors.sqlite.synchronous", "full or normal")]
    [InlineData("queueactors.sqlite.file-name = \"a/b.db\"", "queueactors.sqlite.file-name", "a file name without a directory (the directory is data-directory)")]
    [InlineData("queueactors.sql-transport.visibility-timeout = 0s", "queueactors.sql-transport.visibility-timeout", "a duration greater than zero")]
    public void Rejects_a_value_that_breaks_its_rule(string setting, string key, string rule)
    {
        var config = ConfigLoader.LoadText(setting, Hocon.Environment(), "app.conf");

        var error = Assert.ThrowsAny<HoconException>(() =>
        {
            _ = PersistenceSettings.FromConfig(config);
            _ = SqliteSettings.FromConfig(config);
            _ = SqlTransportSettings.FromConfig(config);
        });

        Assert.Equal(key, error.Path);
        Assert.Contains($"{key}: expected {rule}", error.Message);
    }

    [Fact]
    public void The_postgres_connection_string_comes_from_QUEUEACTORS_POSTGRES_and_is_never_shown_with_its_password()
    {
        var config = ConfigLoader.LoadText("", Hocon.Environment(("QUEUEACTORS_POSTGRES", "Host=db;Username=qa;Password=s3cret;Database=qa")));

        var settings = PostgresSettings.FromConfig(config);

        Assert.Contains("Password=s3cret", settings.ConnectionString);
        Assert.DoesNotContain("s3cret", settings.MaskedConnectionString);
        Assert.Contains("Password=***", settings.MaskedConnectionString);
        Assert.DoesNotContain("s3cret", settings.ToString());
    }

    [Fact]
    public void An_unset_postgres_connection_string_is_an_error_naming_the_environment_variable()
    {
        var error = Assert.Throws<HoconException>(() => PostgresSettings.FromConfig(ConfigLoader.LoadText("", Hocon.Environment())));

        Assert.Contains("QUEUEACTORS_POSTGRES", error.Message);
    }

    [Fact]
    public void An_unparsable_connection_string_is_refused_without_showing_it()
    {
        var config = ConfigLoader.LoadText("queueactors.postgres.connection-string = \"Password=s3cret;Bogus Key=1\"", Hocon.Environment(), "app.conf");

        var error = Assert.Throws<HoconException>(() => PostgresSettings.FromConfig(config));

        Assert.Equal("queueactors.postgres.connection-string", error.Path);
        Assert.DoesNotContain("s3cret", error.Message);
    }
}
