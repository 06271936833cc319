using System.Security.Cryptography;
using System.Text;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Xmpp.Protocol;

/// <summary>
/// Component-mode handshake (XEP-0114): open a jabber:component:accept stream to the component's domain, then
/// prove the shared secret with the hex SHA-1 of the server's stream id followed by the secret.
/// </summary>
public sealed partial class XmppConnection
{
    private async Task ShakeHandsAsync(Secret secret)
    {
        var header = await OpenStreamAsync(CancellationToken.None).ConfigureAwait(false);
        var streamId = (string?)header.Attribute("id") ?? throw new XmppException($"{settings.Host}:{settings.Port} sent a component stream without an id.");
        await WriteAsync($"<handshake>{HandshakeDigest(streamId, secret)}</handshake>", CancellationToken.None).ConfigureAwait(false);
        var answer = await ExpectAsync("the component handshake").ConfigureAwait(false);
        if (answer.Name != XmppNamespaces.Component + "handshake")
        {
            throw new XmppException($"Expected the handshake answer but {settings.Host}:{settings.Port} sent <{answer.Name.LocalName}>.");
        }
    }

    /// <summary>The handshake value: lower-case hex SHA-1 of stream id + secret.</summary>
    internal static string HandshakeDigest(string streamId, Secret secret) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(streamId + secret.Reveal())));
}
