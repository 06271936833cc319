using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Tests.Config;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class SigningSettingsTests
{
    [Fact]
    public void Reference_config_reads_the_secret_from_an_environment_variable_with_a_30_second_max_age()
    {
        var settings = SigningSettings.FromConfig(ConfigLoader.LoadText("", Hocon.Environment()));

        Assert.Equal(new SecretSource("", "QUEUEACTORS_CLUSTER_SECRET"), settings.Secret);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxAge);
    }

    [Fact]
    public void A_max_age_of_zero_is_refused_naming_the_key()
    {
        var config = ConfigLoader.LoadText("queueactors.cluster.signing.max-age = 0s", Hocon.Environment());

        var error = Assert.Throws<HoconException>(() => SigningSettings.FromConfig(config));

        Assert.Equal("queueactors.cluster.signing.max-age", error.Path);
    }

    [Fact]
    public void The_verifier_takes_the_secret_from_the_configured_environment_variable()
    {
        var settings = SigningSettings.FromConfig(ConfigLoader.LoadText("queueactors.cluster.signing.secret-env = QA_TEST_SECRET", Hocon.Environment()));
        var environment = new Dictionary<string, string> { ["QA_TEST_SECRET"] = Signing.SecretText };

        var verifier = CommandVerifier.FromSettings(settings, environment: name => environment.GetValueOrDefault(name));
        var signer = new CommandSigner(new Secret(Signing.SecretText));

        Assert.True(verifier.Verify(Signing.Body(), signer.Sign(Signing.Body()).ToHeaders()).IsAccepted);
    }

    [Fact]
    public void A_secret_shorter_than_16_bytes_is_refused_without_showing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new CommandSigner(new Secret("tooshort")));

        Assert.Contains("at least 16 bytes", error.Message);
        Assert.DoesNotContain("tooshort", error.Message);
    }
}
