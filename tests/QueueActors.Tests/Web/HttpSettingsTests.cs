using QueueActors.Actors.Config;
using QueueActors.Host.Web;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Web;

/// <summary><c>queueactors.http</c>: loopback by default; any other bind needs a token, read from the file or the setting and never shown.</summary>
public sealed class HttpSettingsTests : IDisposable
{
    private const string Token = "a-token-of-the-http-settings-test";
    private readonly TempDirectory folder = new();

    [Fact]
    public void The_default_binds_loopback_without_a_token()
    {
        var settings = Read("");

        Assert.Equal("127.0.0.1", settings.Hostname);
        Assert.Null(settings.Token);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.7")]
    [InlineData("node1.example")]
    public void A_bind_other_than_loopback_without_a_token_names_the_token_setting(string hostname)
    {
        var error = Assert.Throws<HoconException>(() => Read($"hostname = \"{hostname}\""));

        Assert.Contains("queueactors.http.token", error.Message, StringComparison.Ordinal);
        Assert.Contains("token-file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("localhost")]
    [InlineData("127.0.0.2")]
    public void Loopback_addresses_need_no_token(string hostname) => Assert.Null(Read($"hostname = \"{hostname}\"").Token);

    [Fact]
    public void A_listener_that_is_off_needs_no_token() => Assert.Null(Read("enabled = off, hostname = \"0.0.0.0\"").Token);

    [Fact]
    public void The_token_file_is_read_trimmed_and_the_token_never_shows_in_the_settings_text()
    {
        var file = Path.Combine(folder.Path, "http.token");
        File.WriteAllText(file, Token + "\n");

        var settings = Read($"hostname = \"0.0.0.0\", token-file = \"{file}\"");

        Assert.Equal(Token, settings.Token);
        Assert.DoesNotContain(Token, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_token_is_refused_without_showing_it()
    {
        var error = Assert.Throws<HoconException>(() => Read("token = \"short-secret\""));

        Assert.Contains("queueactors.http.token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_file_names_its_setting() =>
        Assert.Contains("queueactors.http.token-file", Assert.Throws<HoconException>(() => Read($"token-file = \"{folder.Path}/missing\"")).Message, StringComparison.Ordinal);

    public void Dispose() => folder.Dispose();

    private static HttpSettings Read(string section) => HttpSettings.FromConfig(ConfigLoader.LoadText($"queueactors.http {{ {section} }}", origin: "test"));
}
