using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;

namespace QueueActors.Processors.Email;

/// <summary>
/// Sends emails over SMTP with MailKit, keeping idle connections for the next send (one per handler at work).
/// A server's 5xx reply is permanent: <see cref="PermanentFailureException"/> with the code and text (the event is
/// dead-lettered at once); a 4xx reply, a lost connection or a timeout is thrown as it is (the event is retried
/// with backoff). The password is read once, at the first login, and never appears in a message or a log.
/// </summary>
public sealed class SmtpEmailSender : IDisposable
{
    private readonly SmtpSettings _settings;
    private readonly MailboxAddress _from;
    private readonly Lazy<Secret?> _password;
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public SmtpEmailSender(SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _from = MailboxAddress.TryParse(settings.From, out var from) && from.Address.Contains('@', StringComparison.Ordinal)
            ? from
            : throw new ArgumentException($"The sender address \"{settings.From}\" (queueactors.processors.email.from) is not an email address.", nameof(settings));
        _password = new Lazy<Secret?>(() => settings.User.Length == 0 ? null
            : (settings.Password ?? throw new InvalidOperationException($"SMTP user {settings.User} has no password source.")).Read());
    }

    /// <summary>The MIME message of <paramref name="email"/> from the configured sender.</summary>
    /// <exception cref="PermanentFailureException">The recipients are not an address list.</exception>
    public MimeMessage Compose(EmailMessage email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (string.IsNullOrWhiteSpace(email.To) || !InternetAddressList.TryParse(email.To, out var to) || to.Count == 0
            || to.Mailboxes.Any(mailbox => !mailbox.Address.Contains('@', StringComparison.Ordinal)))
        {
            throw new PermanentFailureException($"\"{email.To}\" is not an email address or a list of them.");
        }

        var message = new MimeMessage { Subject = email.Subject ?? "" };
        message.From.Add(_from);
        message.To.AddRange(to);
        message.Body = new BodyBuilder { TextBody = email.Text ?? "", HtmlBody = email.Html }.ToMessageBody();
        return message;
    }

    /// <summary>Sends one message within <see cref="SmtpSettings.Timeout"/>.</summary>
    /// <exception cref="PermanentFailureException">The server refused it with a 5xx reply.</exception>
    /// <exception cref="TimeoutException">It took longer than the timeout.</exception>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.Timeout);
        try
        {
            // An idle connection the server has closed meanwhile fails before any reply: once more on a fresh one.
            if (_idle.TryTake(out var idle) && await TrySendAsync(idle, message, deadline.Token, reused: true).ConfigureAwait(false))
            {
                return;
            }

            var client = new SmtpClient();
            try
            {
                await ConnectAsync(client, deadline.Token).ConfigureAwait(false);
            }
            catch
            {
                client.Dispose();
                throw;
            }

            await TrySendAsync(client, message, deadline.Token, reused: false).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Sending to SMTP server {_settings.Host}:{_settings.Port} took longer than {_settings.Timeout}.", ex);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    /// <summary>Sends on <paramref name="client"/>; false when a reused connection turned out closed (nothing was sent).</summary>
    private async Task<bool> TrySendAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken, bool reused)
    {
        try
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex)
        {
            Keep(client); // a refused command leaves the session usable
            var code = (int)ex.StatusCode;
            var reply = $"SMTP server {_settings.Host} replied {code} to the email to {message.To}: {ex.Message.Trim()}";
            throw code >= 500
                ? new PermanentFailureException(reply, ex)
                : ex.Mailbox is { } mailbox
                    ? new SmtpCommandException(ex.ErrorCode, ex.StatusCode, mailbox, reply, ex)
                    : new SmtpCommandException(ex.ErrorCode, ex.StatusCode, reply, ex);
        }
        catch (Exception ex) when (reused && ex is ServiceNotConnectedException or SmtpProtocolException or IOException)
        {
            client.Dispose();
            return false;
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Keep(client);
        return true;
    }

    private void Keep(SmtpClient client)
    {
        if (client.IsConnected)
        {
            _idle.Add(client);
        }
        else
        {
            client.Dispose();
        }
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var options = _settings.Tls switch
        {
            SmtpTlsMode.None => SecureSocketOptions.None,
            SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
            SmtpTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
            _ => SecureSocketOptions.SslOnConnect,
        };
        client.Timeout = (int)Math.Min(int.MaxValue, _settings.Timeout.TotalMilliseconds);
        await client.ConnectAsync(_settings.Host, _settings.Port, options, cancellationToken).ConfigureAwait(false);
        if (_password.Value is { } password)
        {
            await client.AuthenticateAsync(_settings.User, password.Reveal(), cancellationToken).ConfigureAwait(false);
        }
    }
}
