using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

public sealed class ActorSettingsBindingTests
{
    [Theory]
    [InlineData("throughput = 0", "throughput", "an integer of at least 1", "0")]
    [InlineData("ask-timeout = 0s", "ask-timeout", "a duration greater than zero", "\"0s\"")]
    [InlineData("supervisor.max-nr-of-retries = -2", "supervisor.max-nr-of-retries", "an integer of at least -1", "-2")]
    [InlineData("supervisor.within = -1m", "supervisor.within", "a duration greater than zero", "\"-1m\"")]
    [InlineData("dead-letters.log-limit = -1", "dead-letters.log-limit", "an integer of at least 0", "-1")]
    [InlineData("dead-letters.log-interval = 0", "dead-letters.log-interval", "a duration greater than zero", "0")]
    public void Rejects_a_value_that_breaks_its_rule_naming_key_origin_and_rule(string setting, string key, string rule, string found)
    {
        var config = ConfigLoader.LoadText($"\n\nqueueactors.actor.{setting}", Hocon.Environment(), "app.conf");

        var error = Assert.Throws<HoconException>(() => ActorSettingsBinding.FromConfig(config));

        Assert.Equal($"app.conf:3:{setting.IndexOf('=', StringComparison.Ordinal) + 21}: queueactors.actor.{key}: expected {rule}, found {found}", error.Message);
    }

    [Fact]
    public void Accepts_unlimited_retries()
    {
        var config = ConfigLoader.LoadText("queueactors.actor.supervisor.max-nr-of-retries = -1", Hocon.Environment());

        Assert.Equal(-1, ActorSettingsBinding.FromConfig(config).MaxNrOfRetries);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_key()
    {
        var config = ConfigLoader.LoadText("queueactors.actor.throughput = fast", Hocon.Environment(), "app.conf");

        var error = Assert.Throws<HoconException>(() => ActorSettingsBinding.FromConfig(config));

        Assert.Equal("app.conf:1:32: queueactors.actor.throughput: expected an integer, found \"fast\"", error.Message);
    }

    [Fact]
    public void An_environment_substitution_in_the_user_file_is_an_error_naming_the_key()
    {
        // Akka.NET's HOCON has no ${?VAR}; the variables QueueActors reads are listed in ConfigLoader.EnvironmentSettings.
        var error = Assert.Throws<HoconException>(() => ConfigLoader.LoadText("queueactors.actor.throughput = ${?QA_THROUGHPUT}", Hocon.Environment(("QA_THROUGHPUT", "7")), "app.conf"));

        Assert.StartsWith("app.conf:1:32: queueactors.actor.throughput: expected a substitution ${path}, found ${?...}", error.Message);
    }
}
