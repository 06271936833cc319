using QueueActors.Actors.Config;
using QueueActors.Actors.Outbox;
using QueueActors.Tests.Config;
using Xunit;

namespace QueueActors.Tests.Outbox;

public sealed class OutboxSettingsTests
{
    private const string Password = "s3cret-pw";

    [Fact]
    public void The_reference_defaults_leave_the_relay_off_with_the_documented_values()
    {
        var settings = OutboxSettings.FromConfig(ConfigLoader.LoadText("", Hocon.Environment()));

        Assert.False(settings.Enabled);
        Assert.Equal((OutboxProvider.Sqlite, "queueactors_outbox", 100, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30)),
            (settings.Provider, settings.Table, settings.BatchSize, settings.PollInterval, settings.ClaimTimeout));
    }

    [Fact]
    public void A_postgresql_outbox_binds_and_its_text_never_shows_the_password()
    {
        var settings = Load($"enabled = on, provider = postgresql, connection-string = \"Host=db;Username=app;Password={Password}\", table = app_outbox, batch-size = 7");

        Assert.Equal((true, OutboxProvider.Postgresql, "app_outbox", 7), (settings.Enabled, settings.Provider, settings.Table, settings.BatchSize));
        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("provider = mysql", "sqlite or postgresql")]
    [InlineData("table = \"App.Outbox\"", "not valid")]
    [InlineData("enabled = on", "needs the application database's connection string")]
    [InlineData("batch-size = 0", "at least 1")]
    public void Bad_settings_are_refused_with_a_clear_error(string line, string expected)
    {
        var error = Assert.Throws<HoconException>(() => Load(line));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparsable_connection_string_is_refused_without_quoting_it()
    {
        var error = Assert.Throws<HoconException>(() => Load($"enabled = on, provider = postgresql, connection-string = \"Host=db;Password={Password};Bogus Key=1\""));

        Assert.Contains("not shown", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outbox")]
    [InlineData("_app_outbox_2")]
    public void Plain_table_names_are_accepted(string name) => Assert.Equal(name, OutboxTable.Validate(name));

    [Theory]
    [InlineData("Outbox")]
    [InlineData("app.outbox")]
    [InlineData("outbox; DROP TABLE users")]
    [InlineData("")]
    public void Table_names_that_would_need_quoting_are_refused(string name) => Assert.Throws<ArgumentException>(() => OutboxTable.Validate(name));

    private static OutboxSettings Load(string settings) =>
        OutboxSettings.FromConfig(ConfigLoader.LoadText($"queueactors.outbox {{ {settings} }}", Hocon.Environment()));
}
