using MimeKit;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Processors;
using QueueActors.Processors.Email;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

/// <summary>The email processor through the whole pipeline against a real SMTP server (<see cref="SmtpSink"/>).</summary>
[Trait("Category", "Integration")]
public sealed class EmailProcessorTests(ITestOutputHelper output) : ProcessorHarnessTestBase(output)
{
    private const string PasswordVariable = "QA_TEST_SMTP_PASSWORD_EMAIL";
    private SmtpSink? _sink;

    private SmtpSink Sink => _sink ?? throw new InvalidOperationException("No sink.");

    [Fact]
    public async Task An_email_with_text_and_html_reaches_the_server_from_the_configured_sender_after_a_login()
    {
        await StartWithSinkAsync(login: true);

        var id = await Harness.Publisher.PublishAsync("example.org", "email", new EmailMessage("Ada <ada@example.org>", "Welcome", "Hello Ada", "<p>Hello <b>Ada</b></p>"));
        await Recorder.WaitForHandledAsync(id);

        var message = Assert.Single(Sink.Messages());
        Assert.Equal("Welcome", message.Subject);
        Assert.Equal("ada@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("noreply@queueactors.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Hello Ada", message.TextBody?.Trim());
        Assert.Equal("<p>Hello <b>Ada</b></p>", message.HtmlBody?.Trim());
        Assert.Equal($"{id}@queueactors", message.MessageId);
        AssertNotLogged(SmtpSink.Password);
    }

    [Fact]
    public async Task A_5xx_reply_dead_letters_the_email_at_once_with_the_servers_reply()
    {
        await StartWithSinkAsync(login: false);

        var id = await Harness.Publisher.PublishAsync("example.org", "email", new EmailMessage("reject-me@example.org", "s", "t"));
        var letter = await Recorder.WaitForDeadLetterAsync(id);

        Assert.Equal(DeadLetterReason.Rejected, letter.Reason);
        Assert.Equal(1, letter.Attempts);
        Assert.Contains("550", letter.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("No such mailbox", letter.ExceptionMessage, StringComparison.Ordinal);
        Assert.Empty(Recorder.Retried);
        Assert.Empty(Sink.Messages());
    }

    [Fact]
    public async Task A_4xx_reply_is_retried_and_the_retry_delivers()
    {
        await StartWithSinkAsync(login: false);

        var id = await Harness.Publisher.PublishAsync("example.org", "email", new EmailMessage("busyonce@example.org", "later", "t"));
        await Recorder.WaitForHandledAsync(id);

        Assert.Contains("451", Assert.Single(Recorder.Retried).Error!.Message, StringComparison.Ordinal);
        Assert.Equal("later", Assert.Single(Sink.Messages()).Subject);
    }

    [Fact]
    public async Task A_server_that_is_down_is_retried_until_max_retries_and_a_bad_address_is_dead_lettered_at_once()
    {
        int closedPort;
        await using (var gone = await SmtpSink.StartAsync())
        {
            closedPort = gone.Port;
        }

        await StartAsync(services => services.AddEmailProcessor(Settings(closedPort, login: false)), "queueactors.processing.max-retries = 2");

        var down = await Harness.Publisher.PublishAsync("example.org", "email", new EmailMessage("ada@example.org", "s", "t"));
        var letter = await Recorder.WaitForDeadLetterAsync(down);
        Assert.Equal((DeadLetterReason.RetriesExhausted, 3), (letter.Reason, letter.Attempts));
        Assert.Equal(2, Recorder.Retried.Count(r => r.Envelope.MessageId == down));

        var bad = await Harness.Publisher.PublishAsync("example.org", "email", new EmailMessage("not an address", "s", "t"));
        Assert.Equal(DeadLetterReason.Rejected, (await Recorder.WaitForDeadLetterAsync(bad)).Reason);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Environment.SetEnvironmentVariable(PasswordVariable, null);
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }

    private async Task StartWithSinkAsync(bool login)
    {
        _sink = await SmtpSink.StartAsync();
        await StartAsync(services => services.AddEmailProcessor(Settings(_sink.Port, login)), "queueactors.processing.max-retries = 3");
    }

    private static SmtpSettings Settings(int port, bool login)
    {
        if (login)
        {
            Environment.SetEnvironmentVariable(PasswordVariable, SmtpSink.Password);
        }

        return new SmtpSettings
        {
            Host = "127.0.0.1",
            Port = port,
            Tls = SmtpTlsMode.None,
            User = login ? "qa" : "",
            Password = new SecretSource(null, PasswordVariable),
            From = "QueueActors <noreply@queueactors.test>",
            Timeout = TestKitSettings.Dilated(TimeSpan.FromSeconds(10)),
        };
    }
}
