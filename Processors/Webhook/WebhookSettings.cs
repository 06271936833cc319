using QueueActors.Actors.Config;

namespace QueueActors.Processors.Webhook;

/// <summary>
/// How webhooks are sent: <c>queueactors.processors.webhook</c>. The signing secret is a <see cref="SecretSource"/>
/// (a file or an environment variable, never a config value), read once at the first send.
/// </summary>
public sealed record WebhookSettings
{
    /// <summary>The default signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>.</summary>
    public const string DefaultSignatureHeader = "X-QueueActors-Signature";

    /// <summary>Where the HMAC key comes from.</summary>
    public required SecretSource Secret { get; init; }

    /// <summary>Waiting for the response takes at most this long; a timeout is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The header that carries the signature.</summary>
    public string SignatureHeader { get; init; } = DefaultSignatureHeader;

    /// <summary>Binds <c>queueactors.processors.webhook</c>; a bad value names its key.</summary>
    public static WebhookSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var webhook = config.GetConfig("queueactors.processors.webhook");
        return new WebhookSettings
        {
            Secret = new SecretSource(webhook.GetString("secret-file"), webhook.GetString("secret-env")),
            Timeout = ProcessorSettingRules.PositiveDuration(webhook, "timeout"),
            SignatureHeader = ProcessorSettingRules.NonBlankString(webhook, "signature-header"),
        };
    }
}
