using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>A key under queueactors that no setting has is an error at the key, naming the nearest known key.</summary>
public sealed class UnknownSettingTests
{
    [Fact]
    public void A_key_at_the_wrong_level_names_where_it_belongs()
    {
        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText("queueactors {\n  rabbitmq {\n    servers = [\"amqp://localhost\"]\n  }\n}", Hocon.Environment(), "app.conf"));

        Assert.Equal("app.conf:3:5: queueactors.rabbitmq.servers: expected a setting that QueueActors has (see reference.conf), found an unknown key; did you mean queueactors.transport.rabbitmq.servers?", error.Message);
        Assert.Equal("queueactors.rabbitmq.servers", error.Path);
    }

    [Theory]
    [InlineData("queueactors.node.ask-timout = 5s", "queueactors.node.ask-timeout")]
    [InlineData("queueactors.shutdown-timout = 5s", "queueactors.shutdown-timeout")]
    [InlineData("queueactors.cluster.signing.max-ag = 5s", "queueactors.cluster.signing.max-age")]
    public void A_misspelt_key_names_the_nearest_known_one(string text, string nearest)
    {
        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText(text, Hocon.Environment()));

        Assert.StartsWith("<string>:1:1: ", error.Message);
        Assert.EndsWith($"did you mean {nearest}?", error.Message);
    }

    [Fact]
    public void Entries_of_user_maps_are_allowed_and_their_keys_checked_against_their_template()
    {
        var valid = """
            queueactors.sites { "example.com" { queues = [email], concurrency { email = 4, digest = 2 } } }
            queueactors.processing.queue-overrides { email { concurrency = 4, default-site = "example.com" } }
            queueactors.site-defaults.concurrency { push = 3 }
            """;
        _ = ConfigLoader.LoadText(valid, Hocon.Environment());

        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText("queueactors.sites { \"example.com\" { queus = [email] } }", Hocon.Environment()));

        Assert.EndsWith("queueactors.sites.\"example.com\".queus: expected a setting that QueueActors has (see reference.conf), found an unknown key; did you mean queueactors.sites.\"example.com\".queues?", error.Message);
    }

    [Fact]
    public void A_misspelt_key_of_a_queue_override_is_an_error()
    {
        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText("queueactors.processing.queue-overrides.email.concurency = 4", Hocon.Environment()));

        Assert.EndsWith("did you mean queueactors.processing.queue-overrides.email.concurrency?", error.Message);
    }

    [Theory]
    [InlineData("queueactor {\n  node.name = a\n}", "queueactor", "queueactors")]
    [InlineData("queueactors.node.name = a\nqueue-actors.node.ask-timeout = 5s", "queue-actors", "queueactors")]
    [InlineData("aka.loglevel = DEBUG", "aka", "akka")]
    public void A_misspelt_section_is_an_error_naming_the_section_meant(string text, string written, string meant)
    {
        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText(text, Hocon.Environment(), "app.conf"));

        Assert.Equal(written, error.Path);
        Assert.StartsWith("app.conf:", error.Message);
        Assert.EndsWith($"did you mean {meant}?", error.Message);
    }

    [Fact]
    public void Keys_outside_queueactors_are_not_checked()
    {
        var config = ConfigLoader.LoadText("akka.actor.ask-timeout = 7s\nmy-app.anything = 1", Hocon.Environment());

        Assert.Equal(TimeSpan.FromSeconds(7), config.GetDuration("akka.actor.ask-timeout"));
    }

    [Fact]
    public void Every_key_of_reference_conf_is_known()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ConfigLoader.ReferenceResourceName)!;

        _ = ConfigLoader.LoadText(new StreamReader(stream).ReadToEnd(), Hocon.Environment());
    }
}
