using QueueActors.Actors.Config;

namespace QueueActors.Actors.Xmpp;

/// <summary>The XMPP output: <c>queueactors.xmpp</c> (see hocon/reference.conf for every key's meaning).</summary>
public sealed record XmppSettings
{
    public const string Section = "queueactors.xmpp";
    public const string ScramSha1 = "SCRAM-SHA-1";
    public const string Plain = "PLAIN";

    /// <summary>Whether worker nodes run the XMPP output.</summary>
    public bool Enabled { get; init; }

    public required XmppMode Mode { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>The user's server domain (client mode) or the component's domain (component mode).</summary>
    public required string Domain { get; init; }

    /// <summary>Component mode: who answers keepalive pings; empty means <see cref="Domain"/> minus its first label.</summary>
    public required string ServerDomain { get; init; }

    public required string User { get; init; }

    public required string Resource { get; init; }

    /// <summary>Where the password (client) or component secret is read from.</summary>
    public required SecretSource Secret { get; init; }

    public required XmppTlsMode Tls { get; init; }

    public required bool AcceptUntrustedCertificate { get; init; }

    /// <summary>SASL mechanisms in order of preference.</summary>
    public required IReadOnlyList<string> SaslMechanisms { get; init; }

    public required TimeSpan ConnectTimeout { get; init; }

    public required TimeSpan KeepaliveInterval { get; init; }

    public required TimeSpan PingTimeout { get; init; }

    public required int ConfirmBatch { get; init; }

    public required TimeSpan MinBackoff { get; init; }

    public required TimeSpan MaxBackoff { get; init; }

    public required double RandomFactor { get; init; }

    public required string OutboxQueue { get; init; }

    public required bool OutboxDurable { get; init; }

    public required ushort OutboxPrefetch { get; init; }

    /// <summary>Who answers our pings: the user's server, or the server hosting the component.</summary>
    public string PingTarget => Mode == XmppMode.Client ? Domain
        : ServerDomain.Length > 0 ? ServerDomain
        : Domain.Contains('.', StringComparison.Ordinal) ? Domain[(Domain.IndexOf('.', StringComparison.Ordinal) + 1)..] : Domain;

    /// <summary>The pause before reconnect attempt <paramref name="failures"/> (0-based): min·2ⁿ capped at max, times [1, 1 + random factor].</summary>
    public TimeSpan ReconnectDelay(int failures, double random)
    {
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        var jittered = Math.Min(MaxBackoff.TotalMilliseconds, exponential) * (1 + (random * RandomFactor));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxBackoff.TotalMilliseconds));
    }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static XmppSettings FromConfig(HoconConfig config)
    {
        var xmpp = config.GetConfig(Section);
        var mechanisms = xmpp.GetStringList("sasl-mechanisms");
        if (mechanisms.Count == 0 || mechanisms.Any(m => m is not (ScramSha1 or Plain)) || mechanisms.Distinct().Count() != mechanisms.Count)
        {
            throw xmpp.InvalidValue("sasl-mechanisms", $"a non-empty list of distinct mechanisms among {ScramSha1}, {Plain}");
        }

        var minBackoff = SettingRules.PositiveDuration(xmpp, "reconnect.min-backoff");
        var maxBackoff = SettingRules.PositiveDuration(xmpp, "reconnect.max-backoff");
        var randomFactor = xmpp.GetDouble("reconnect.random-factor");
        var port = SettingRules.IntAtLeast(xmpp, "port", 1);
        var prefetch = SettingRules.IntAtLeast(xmpp, "outbox.prefetch", 1);
        return new XmppSettings
        {
            Enabled = xmpp.GetBool("enabled"),
            Mode = Enum<XmppMode>(xmpp, "mode", "client or component"),
            Host = SettingRules.NonBlankString(xmpp, "host"),
            Port = port <= 65535 ? port : throw xmpp.InvalidValue("port", "a TCP port from 1 to 65535"),
            Domain = SettingRules.NonBlankString(xmpp, "domain"),
            ServerDomain = xmpp.GetString("server-domain").Trim(),
            User = SettingRules.NonBlankString(xmpp, "user"),
            Resource = SettingRules.NonBlankString(xmpp, "resource"),
            Secret = new SecretSource(xmpp.GetString("secret-file"), xmpp.GetString("secret-env")),
            Tls = Enum<XmppTlsMode>(xmpp, "tls", "required, optional or disabled"),
            AcceptUntrustedCertificate = xmpp.GetBool("accept-untrusted-certificate"),
            SaslMechanisms = mechanisms,
            ConnectTimeout = SettingRules.PositiveDuration(xmpp, "connect-timeout"),
            KeepaliveInterval = SettingRules.PositiveDuration(xmpp, "keepalive-interval"),
            PingTimeout = SettingRules.PositiveDuration(xmpp, "ping-timeout"),
            ConfirmBatch = SettingRules.IntAtLeast(xmpp, "confirm-batch", 1),
            MinBackoff = minBackoff,
            MaxBackoff = maxBackoff >= minBackoff ? maxBackoff : throw xmpp.InvalidValue("reconnect.max-backoff", "a duration of at least reconnect.min-backoff"),
            RandomFactor = randomFactor >= 0 ? randomFactor : throw xmpp.InvalidValue("reconnect.random-factor", "a number of at least 0"),
            OutboxQueue = SettingRules.NonBlankString(xmpp, "outbox.queue"),
            OutboxDurable = xmpp.GetBool("outbox.durable"),
            OutboxPrefetch = prefetch <= ushort.MaxValue ? (ushort)prefetch : throw xmpp.InvalidValue("outbox.prefetch", $"an integer from 1 to {ushort.MaxValue}"),
        };
    }

    private static T Enum<T>(HoconConfig config, string path, string expected) where T : struct, Enum =>
        System.Enum.TryParse<T>(config.GetString(path), ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw config.InvalidValue(path, expected);
}
