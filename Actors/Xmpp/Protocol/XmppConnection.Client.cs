using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// Client-mode negotiation (RFC 6120 §4–§7, RFC 6121 §4.2):
/// 1. open the stream; if the server offers STARTTLS and tls is not disabled, upgrade and open it again;
/// 2. SASL with the most preferred mechanism both sides allow (SCRAM-SHA-1 before PLAIN by default;
///    PLAIN only over TLS unless tls = disabled), then open the stream again;
/// 3. bind the resource (and a session where a server still requires one), then send initial presence.
/// </summary>
public sealed partial class XmppConnection
{
    private async Task LogInAsync(Secret password, CancellationToken cancellationToken)
    {
        var features = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        var startTls = features.Element(XmppNamespaces.Tls + "starttls");
        if (startTls is not null && settings.Tls != XmppTlsMode.Disabled)
        {
            await StartTlsAsync(cancellationToken).ConfigureAwait(false);
            features = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (settings.Tls == XmppTlsMode.Required)
        {
            throw new XmppException($"{settings.Host}:{settings.Port} does not offer STARTTLS, and tls = required.");
        }
        else if (startTls?.Element(XmppNamespaces.Tls + "required") is not null)
        {
            throw new XmppException($"{settings.Host}:{settings.Port} requires STARTTLS, but tls = disabled.");
        }

        await AuthenticateAsync(features, password, cancellationToken).ConfigureAwait(false);
        features = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        await BindAsync(features, cancellationToken).ConfigureAwait(false);
        await WriteAsync(new XElement(XmppNamespaces.Client + "presence").ToString(SaveOptions.DisableFormatting), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends our stream header, reads the server's and, for a client stream, its features.</summary>
    private async Task<XElement> OpenStreamAsync(CancellationToken cancellationToken)
    {
        var version = settings.Mode == XmppMode.Client ? " version='1.0'" : "";
        await WriteAsync($"<?xml version='1.0'?><stream:stream xmlns='{StanzaNamespace.NamespaceName}' xmlns:stream='{XmppNamespaces.Streams.NamespaceName}' to='{Escape(settings.Domain)}'{version}>", cancellationToken).ConfigureAwait(false);
        reader?.Dispose();
        reader = new XmppElementReader(stream);
        var header = await reader.ReadStreamHeaderAsync().ConfigureAwait(false);
        if (settings.Mode == XmppMode.Component)
        {
            return header;
        }

        var features = await ExpectAsync("stream negotiation").ConfigureAwait(false);
        return features.Name == XmppNamespaces.Streams + "features"
            ? features
            : throw new XmppException($"Expected stream features but the server sent <{features.Name.LocalName}>.");
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        await WriteAsync($"<starttls xmlns='{XmppNamespaces.Tls.NamespaceName}'/>", cancellationToken).ConfigureAwait(false);
        var answer = await ExpectAsync("STARTTLS").ConfigureAwait(false);
        if (answer.Name != XmppNamespaces.Tls + "proceed")
        {
            throw new XmppException($"{settings.Host}:{settings.Port} refused STARTTLS.");
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = settings.Domain, RemoteCertificateValidationCallback = ValidateCertificate };
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            var hint = settings.AcceptUntrustedCertificate ? "" : " (a self-signed test server needs accept-untrusted-certificate = true)";
            throw new XmppException($"TLS with {settings.Domain} at {settings.Host}:{settings.Port} failed: {ex.Message}{hint}", ex);
        }

        stream = tls;
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (settings.AcceptUntrustedCertificate)
        {
            XmppLog.UntrustedCertificateAccepted(logger, settings.Domain, errors.ToString());
            return true;
        }

        return false;
    }

    private async Task AuthenticateAsync(XElement features, Secret password, CancellationToken cancellationToken)
    {
        var offered = features.Element(XmppNamespaces.Sasl + "mechanisms")?.Elements(XmppNamespaces.Sasl + "mechanism").Select(m => m.Value.Trim()).ToList() ?? [];
        var mechanism = settings.SaslMechanisms.FirstOrDefault(m => offered.Contains(m) && (m != XmppSettings.Plain || IsEncrypted || settings.Tls == XmppTlsMode.Disabled))
            ?? throw new XmppException($"No SASL mechanism to use: {settings.Host}:{settings.Port} offers [{string.Join(", ", offered)}], we allow [{string.Join(", ", settings.SaslMechanisms)}]{(IsEncrypted ? "" : "; PLAIN needs TLS unless tls = disabled")}.");
        SaslMechanism = mechanism;
        if (mechanism == XmppSettings.Plain)
        {
            await WriteAsync(Sasl("auth", $"\0{settings.User}\0{password.Reveal()}", mechanism), cancellationToken).ConfigureAwait(false);
            await ExpectSaslSuccessAsync(mechanism).ConfigureAwait(false);
            return;
        }

        var scram = new ScramSha1Client(settings.User, password.Reveal());
        await WriteAsync(Sasl("auth", scram.ClientFirst, mechanism), cancellationToken).ConfigureAwait(false);
        var challenge = await ExpectAsync("SASL").ConfigureAwait(false);
        if (challenge.Name != XmppNamespaces.Sasl + "challenge")
        {
            throw SaslRefused(mechanism, challenge);
        }

        await WriteAsync(Sasl("response", scram.ClientFinal(FromBase64(challenge.Value)), null), cancellationToken).ConfigureAwait(false);
        var success = await ExpectSaslSuccessAsync(mechanism).ConfigureAwait(false);
        if (!scram.VerifyServerFinal(FromBase64(success.Value)))
        {
            throw new XmppException($"SCRAM-SHA-1: {settings.Host}:{settings.Port} did not prove it knows the password of {settings.User}@{settings.Domain}.") { IsAuthenticationFailure = true };
        }
    }

    private async Task<XElement> ExpectSaslSuccessAsync(string mechanism)
    {
        var answer = await ExpectAsync("SASL").ConfigureAwait(false);
        return answer.Name == XmppNamespaces.Sasl + "success" ? answer : throw SaslRefused(mechanism, answer);
    }

    private XmppException SaslRefused(string mechanism, XElement answer)
    {
        var condition = answer.Name == XmppNamespaces.Sasl + "failure"
            ? answer.Elements().FirstOrDefault(e => e.Name.LocalName != "text")?.Name.LocalName ?? "not-authorized"
            : "unexpected <" + answer.Name.LocalName + ">";
        return new XmppException($"SASL {mechanism} login as {settings.User}@{settings.Domain} was refused: {condition}.") { IsAuthenticationFailure = true };
    }

    private async Task BindAsync(XElement features, CancellationToken cancellationToken)
    {
        if (features.Element(XmppNamespaces.Bind + "bind") is null)
        {
            throw new XmppException($"{settings.Host}:{settings.Port} offers no resource binding.");
        }

        var resource = new XElement(XmppNamespaces.Bind + "bind", new XElement(XmppNamespaces.Bind + "resource", settings.Resource));
        Jid = (await RequestAsync(resource, "resource binding", cancellationToken).ConfigureAwait(false)).Descendants(XmppNamespaces.Bind + "jid").FirstOrDefault()?.Value
            ?? throw new XmppException("The server bound a resource but did not say which JID.");
        if (features.Element(XmppNamespaces.Session + "session") is { } session && session.Element(XmppNamespaces.Session + "optional") is null)
        {
            await RequestAsync(new XElement(XmppNamespaces.Session + "session"), "session establishment", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An iq set during negotiation, and its result (other elements before it are skipped).</summary>
    private async Task<XElement> RequestAsync(XElement payload, string step, CancellationToken cancellationToken)
    {
        var id = step.Replace(' ', '-');
        var iq = new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"), new XAttribute("id", id), payload);
        await WriteAsync(iq.ToString(SaveOptions.DisableFormatting), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var answer = await ExpectAsync(step).ConfigureAwait(false);
            if (answer.Name.LocalName == "iq" && (string?)answer.Attribute("id") == id)
            {
                return (string?)answer.Attribute("type") == "result"
                    ? answer
                    : throw new XmppException($"The server refused {step}: {answer.Descendants().FirstOrDefault(e => e.Name.Namespace == XmppNamespaces.StanzaErrors)?.Name.LocalName ?? "error"}.");
            }
        }
    }

    /// <summary>The next element during negotiation; a closed stream or a stream error ends negotiation.</summary>
    private async Task<XElement> ExpectAsync(string step)
    {
        var element = await reader!.ReadElementAsync().ConfigureAwait(false)
            ?? throw new XmppException($"{settings.Host}:{settings.Port} closed the stream during {step}.");
        if (element.Name != XmppNamespaces.Streams + "error")
        {
            return element;
        }

        var condition = ErrorCondition(element);
        throw new XmppException($"Stream error during {step} with {settings.Host}:{settings.Port}: {condition}.") { IsAuthenticationFailure = condition == "not-authorized" };
    }

    private static string Sasl(string element, string payload, string? mechanism) =>
        $"<{element} xmlns='{XmppNamespaces.Sasl.NamespaceName}'{(mechanism is null ? "" : $" mechanism='{mechanism}'")}>{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload))}</{element}>";

    private static string FromBase64(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim()));
        }
        catch (FormatException ex)
        {
            throw new XmppException("The server's SASL data is not Base64.", ex);
        }
    }
}
