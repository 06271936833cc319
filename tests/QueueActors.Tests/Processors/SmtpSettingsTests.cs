using QueueActors.Actors.Config;
using QueueActors.Processors.Email;
using Xunit;

namespace QueueActors.Tests.Processors;

public sealed class SmtpSettingsTests
{
    [Fact]
    public void The_email_section_binds_with_reference_defaults_under_the_users_values()
    {
        var settings = SmtpSettings.FromConfig(ConfigLoader.LoadText("""queueactors.processors.email { host = "mail.example.org", from = "noreply@example.org", user = "qa" }"""));

        Assert.Equal(("mail.example.org", 587, SmtpTlsMode.StartTls, "qa"), (settings.Host, settings.Port, settings.Tls, settings.User));
        Assert.Equal(new SecretSource("", "QUEUEACTORS_SMTP_PASSWORD"), settings.Password);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
    }

    [Fact]
    public void A_bad_tls_mode_and_a_missing_sender_are_errors_naming_the_key()
    {
        var tls = Assert.Throws<HoconException>(() => SmtpSettings.FromConfig(ConfigLoader.LoadText("""queueactors.processors.email { tls = "yes", from = "a@b.c" }""")));
        Assert.Contains("queueactors.processors.email.tls", tls.Message, StringComparison.Ordinal);

        var from = Assert.Throws<HoconException>(() => SmtpSettings.FromConfig(ConfigLoader.LoadText("queueactors.processors.email.host = h")));
        Assert.Contains("queueactors.processors.email.from", from.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_that_is_not_an_address_is_refused_when_the_sender_is_made()
    {
        var settings = new SmtpSettings { Host = "h", Port = 25, From = "nobody" };

        Assert.Contains("nobody", Assert.Throws<ArgumentException>(() => new SmtpEmailSender(settings)).Message, StringComparison.Ordinal);
    }
}
