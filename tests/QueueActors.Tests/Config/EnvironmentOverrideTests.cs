using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence.Postgres;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>
/// The environment variables reference.conf names replace its defaults; a user's file wins over them (what
/// <c>key = default</c> then <c>key = ${?VARIABLE}</c> in reference.conf did before Akka.NET's parser, which has no <c>${?}</c>).
/// </summary>
public sealed class EnvironmentOverrideTests
{
    [Fact]
    public void Takes_the_environment_variable_when_it_is_set()
    {
        var config = ConfigLoader.Load(environment: Hocon.Environment(("QUEUEACTORS_NODE_NAME", "edge-3"), ("QUEUEACTORS_DATA_DIR", "/srv/qa")));

        Assert.Equal("edge-3", config.GetString("queueactors.node.name"));
        Assert.Equal("/srv/qa", config.GetString("queueactors.data-directory"));
    }

    [Fact]
    public void Keeps_the_default_when_the_variable_is_unset_or_empty()
    {
        Assert.Equal("node-1", ConfigLoader.Load(environment: Hocon.Environment()).GetString("queueactors.node.name"));
        Assert.Equal("node-1", ConfigLoader.Load(environment: Hocon.Environment(("QUEUEACTORS_NODE_NAME", ""))).GetString("queueactors.node.name"));
    }

    [Fact]
    public void Prefers_a_setting_in_the_user_file_over_the_environment()
    {
        var config = ConfigLoader.LoadText("queueactors.node.name = from-file", Hocon.Environment(("QUEUEACTORS_NODE_NAME", "from-env")));

        Assert.Equal("from-file", config.GetString("queueactors.node.name"));
    }

    [Fact]
    public void A_value_from_the_environment_is_named_by_its_variable_without_a_line()
    {
        var config = ConfigLoader.Load(environment: Hocon.Environment(("QUEUEACTORS_POSTGRES", "not a connection string")));

        var error = Assert.Throws<HoconException>(() => PostgresSettings.FromConfig(config));

        Assert.StartsWith("the environment variable QUEUEACTORS_POSTGRES: queueactors.postgres.connection-string: expected a connection string", error.Message);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void Every_variable_names_a_setting_of_reference_conf_and_is_named_in_its_comments()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ConfigLoader.ReferenceResourceName)!;
        var text = new StreamReader(stream).ReadToEnd();

        Assert.All(ConfigLoader.EnvironmentSettings, setting =>
        {
            Assert.True(ConfigLoader.Reference.HasPath(setting.Path) || ConfigLoader.Reference.GetString(setting.Path) == "", setting.Path);
            Assert.Contains(setting.Variable, text, StringComparison.Ordinal);
        });
    }
}
