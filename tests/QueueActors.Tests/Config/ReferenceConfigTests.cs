using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

public sealed class ReferenceConfigTests
{
    private static readonly HoconConfig Defaults = ConfigLoader.Load(environment: Hocon.Environment());

    [Fact]
    public void Binds_the_reference_node_settings()
    {
        var settings = NodeSettings.FromConfig(Defaults);

        Assert.Equal("node-1", settings.Name);
        Assert.Equal(["worker", "seed"], settings.Roles);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.AskTimeout);
    }

    [Fact]
    public void The_node_name_can_come_from_the_environment()
    {
        var config = ConfigLoader.Load(environment: Hocon.Environment(("QUEUEACTORS_NODE_NAME", "edge-3")));

        Assert.Equal("edge-3", NodeSettings.FromConfig(config).Name);
    }

    [Fact]
    public void The_lazily_loaded_reference_is_shared()
    {
        Assert.Same(ConfigLoader.Reference, ConfigLoader.Reference);
        Assert.Equal(TimeSpan.FromSeconds(30), ConfigLoader.Reference.GetDuration("queueactors.shutdown-timeout"));
    }

    [Fact]
    public void Every_setting_in_reference_conf_has_a_comment_above_it()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ConfigLoader.ReferenceResourceName)!;
        var lines = new StreamReader(stream).ReadToEnd().Split('\n').Select(line => line.Trim()).ToList();

        var uncommented = lines
            .Select((line, i) => (line, i))
            .Where(each => each.line.Contains('=') && !each.line.StartsWith('#'))
            .Where(each => (each.i == 0 || !lines[each.i - 1].StartsWith('#')))
            .Select(each => each.line)
            .ToList();

        Assert.Empty(uncommented);
    }

    [Fact]
    public void A_user_file_overrides_reference_values_and_keeps_the_rest()
    {
        using var folder = new TempConfigFolder();
        var app = folder.Write("app.conf", "queueactors.node.ask-timeout = 2s\nqueueactors.node.roles = [worker]");

        var config = ConfigLoader.Load(app, Hocon.Environment());

        Assert.Equal(TimeSpan.FromSeconds(2), NodeSettings.FromConfig(config).AskTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), NodeSettings.FromConfig(config).ShutdownTimeout);
        Assert.Equal(["worker"], NodeSettings.FromConfig(config).Roles);
    }

    [Fact]
    public void Reference_conf_reads_the_same_through_Akkas_parser_alone()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ConfigLoader.ReferenceResourceName)!;
        var akka = Akka.Configuration.ConfigurationFactory.ParseString(new StreamReader(stream).ReadToEnd());

        Assert.Equal("node-1", akka.GetString("queueactors.node.name"));
        Assert.Equal(TimeSpan.FromSeconds(5), akka.GetTimeSpan("queueactors.cluster.request-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(2), akka.GetTimeSpan("queueactors.cluster.signing.clock-skew"));
        Assert.Equal(100, akka.GetInt("queueactors.xmpp.confirm-batch"));
        Assert.Equal(["worker", "seed"], akka.GetStringList("queueactors.node.roles"));
        Assert.False(akka.GetBoolean("queueactors.transport.in-memory"));
    }

    [Fact]
    public void The_reference_resource_is_embedded_under_its_logical_name()
    {
        Assert.Contains(ConfigLoader.ReferenceResourceName, typeof(ConfigLoader).Assembly.GetManifestResourceNames());
    }
}
