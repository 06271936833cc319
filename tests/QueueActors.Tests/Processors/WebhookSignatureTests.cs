using System.Security.Cryptography;
using System.Text;
using QueueActors.Actors.Config;
using QueueActors.Processors.Webhook;
using Xunit;

namespace QueueActors.Tests.Processors;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void The_header_is_t_and_v1_the_hex_hmac_sha256_of_timestamp_dot_body()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("k"u8, Encoding.ASCII.GetBytes("1700000000.{\"a\":1}")));

        Assert.Equal($"t=1700000000,v1={expected}", WebhookSignature.Sign("k"u8, At, "{\"a\":1}"u8));
    }

    [Fact]
    public void Verify_refuses_a_malformed_header_and_a_timestamp_outside_the_tolerance()
    {
        var header = WebhookSignature.Sign("k"u8, At, "b"u8);

        Assert.True(WebhookSignature.Verify("k"u8, header, "b"u8, TimeSpan.FromMinutes(5), At.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify("k"u8, header, "b"u8, TimeSpan.FromMinutes(5), At.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify("k"u8, null, "b"u8, TimeSpan.FromMinutes(5), At));
        Assert.False(WebhookSignature.Verify("k"u8, "t=1700000000,v1=zz", "b"u8, TimeSpan.FromMinutes(5), At));
        Assert.False(WebhookSignature.Verify("k"u8, header.Replace("t=1700000000", "t=1700000001", StringComparison.Ordinal), "b"u8, TimeSpan.FromMinutes(5), At));
    }

    [Fact]
    public void The_webhook_section_binds_with_reference_defaults()
    {
        var settings = WebhookSettings.FromConfig(ConfigLoader.LoadText("queueactors.processors.webhook.timeout = 3s"));

        Assert.Equal((TimeSpan.FromSeconds(3), "X-QueueActors-Signature"), (settings.Timeout, settings.SignatureHeader));
        Assert.Equal(new SecretSource("", "QUEUEACTORS_WEBHOOK_SECRET"), settings.Secret);
    }
}
