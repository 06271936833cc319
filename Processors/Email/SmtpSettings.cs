using QueueActors.Actors.Config;

namespace QueueActors.Processors.Email;

/// <summary>
/// Where and how emails are sent: <c>queueactors.processors.email</c>. The password is a <see cref="SecretSource"/>
/// (a file or an environment variable, never a config value) and is read only when <see cref="User"/> is set.
/// </summary>
public sealed record SmtpSettings
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTls;

    /// <summary>The login; empty: no authentication.</summary>
    public string User { get; init; } = "";

    /// <summary>Where the password is read from when <see cref="User"/> is set.</summary>
    public SecretSource? Password { get; init; }

    /// <summary>The sender of every email (<c>"QueueActors &lt;noreply@example.org&gt;"</c>).</summary>
    public required string From { get; init; }

    /// <summary>Connecting, logging in and sending one email take at most this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Binds <c>queueactors.processors.email</c>; a bad value names its key.</summary>
    public static SmtpSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var email = config.GetConfig("queueactors.processors.email");
        var tls = email.GetString("tls") switch
        {
            "none" => SmtpTlsMode.None,
            "starttls" => SmtpTlsMode.StartTls,
            "starttls-when-available" => SmtpTlsMode.StartTlsWhenAvailable,
            "implicit" => SmtpTlsMode.Implicit,
            _ => throw email.InvalidValue("tls", "none, starttls, starttls-when-available or implicit"),
        };
        return new SmtpSettings
        {
            Host = ProcessorSettingRules.NonBlankString(email, "host"),
            Port = ProcessorSettingRules.Port(email, "port"),
            Tls = tls,
            User = email.GetString("user").Trim(),
            Password = new SecretSource(email.GetString("password-file"), email.GetString("password-env")),
            From = ProcessorSettingRules.NonBlankString(email, "from"),
            Timeout = ProcessorSettingRules.PositiveDuration(email, "timeout"),
        };
    }
}
