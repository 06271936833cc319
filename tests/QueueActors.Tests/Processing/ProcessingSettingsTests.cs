using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.RabbitMq;
using Xunit;

namespace QueueActors.Tests.Processing;

public sealed class ProcessingSettingsTests
{
    [Fact]
    public void Reference_conf_holds_every_processing_default()
    {
        var settings = ProcessingSettings.FromConfig(ConfigLoader.Reference);

        Assert.Equal(5, settings.MaxRetries);
        Assert.Equal("dead-letters", settings.DeadLetterDirectory);
        Assert.Equal(new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), 0.2), settings.RetryBackoff);
        Assert.Equal(new QueueSettings(1, 10, TimeSpan.FromSeconds(30), 100), settings.QueueDefaults);
        Assert.Equal(new CircuitBreakerSettings(10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), settings.CircuitBreaker);
    }

    [Fact]
    public void A_queue_override_changes_only_the_keys_it_sets()
    {
        var settings = ProcessingSettings.FromConfig(ConfigLoader.LoadText("queueactors.processing.queue-overrides.email { concurrency = 4, prefetch = 40 }"));

        Assert.Equal(new QueueSettings(4, 40, TimeSpan.FromSeconds(30), 100), settings.ForQueue("email"));
        Assert.Equal(settings.QueueDefaults, settings.ForQueue("digest"));
    }

    [Fact]
    public void A_queue_may_name_the_site_of_plain_events_or_the_json_field_that_holds_it()
    {
        var settings = ProcessingSettings.FromConfig(ConfigLoader.LoadText(
            "queueactors.processing.queue-overrides { email { default-site = \"zulip.example\" }, digest { site-field = realm } }"));

        Assert.Equal(("zulip.example", (string?)null), (settings.ForQueue("email").DefaultSite, settings.ForQueue("email").SiteField));
        Assert.Equal(((string?)null, "realm"), (settings.ForQueue("digest").DefaultSite, settings.ForQueue("digest").SiteField));
        Assert.Null(settings.QueueDefaults.DefaultSite);
    }

    [Theory]
    [InlineData("queueactors.processing.queue-overrides.email { default-site = \"a b!\" }", "queueactors.processing.queue-overrides.email.default-site")]
    [InlineData("queueactors.processing.queue-overrides.email { concurrency = 12 }", "queueactors.processing.queue-overrides.email.prefetch")]
    [InlineData("queueactors.processing.max-retries = -1", "queueactors.processing.max-retries")]
    [InlineData("queueactors.processing.retry-backoff.jitter = 1.5", "queueactors.processing.retry-backoff.jitter")]
    [InlineData("queueactors.processing.queue-defaults.timeout = 0s", "queueactors.processing.queue-defaults.timeout")]
    [InlineData("queueactors.processing.sites = [\"../x\"]", "queueactors.processing.sites")]
    public void A_broken_rule_is_an_error_naming_the_key(string config, string key)
    {
        var error = Assert.Throws<HoconException>(() => ProcessingSettings.FromConfig(ConfigLoader.LoadText(config)));

        Assert.Equal(key, error.Path);
    }

    [Fact]
    public void The_rabbitmq_options_come_from_reference_conf_and_never_echo_a_password()
    {
        var defaults = RabbitMqTransportOptions.FromConfig(ConfigLoader.Reference);
        Assert.Empty(defaults.Servers);
        Assert.Equal(TimeSpan.FromSeconds(60), defaults.MaxReconnectInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), defaults.InitialReconnectInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.PublishTimeout);

        var error = Assert.Throws<HoconException>(() => RabbitMqTransportOptions.FromConfig(ConfigLoader.LoadText("queueactors.transport.rabbitmq.servers = [\"http://u:s3cret@h/\"]")));
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public void Retry_delays_double_up_to_the_maximum_and_jitter_stays_within_its_spread()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.DelayFor(1, random: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.DelayFor(3, random: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.DelayFor(30, random: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(0.8), backoff.DelayFor(1, random: 0));
        Assert.True(backoff.DelayFor(1, random: 0.999999) <= TimeSpan.FromSeconds(1.2));
    }
}
