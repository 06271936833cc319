using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace QueueActors.Host.Node.Tls;

/// <summary>
/// Whether a remoting peer's certificate was signed by the cluster CA. Akka.Remote calls <see cref="Validate"/> in
/// every TLS handshake, on both sides (mutual TLS): a node checks the certificate of a node it connects to and of
/// one that connects to it. The system's trusted roots play no part, so a certificate from a public CA, or from
/// another cluster's CA, is refused; the host name is not checked (nodes are reached by address, and any holder of
/// a certificate of this CA is a member).
/// </summary>
public sealed class ClusterCaValidator(X509Certificate2 authority)
{
    /// <summary>The CA a peer's certificate must chain to.</summary>
    public X509Certificate2 Authority { get; } = authority ?? throw new ArgumentNullException(nameof(authority));

    /// <summary>Why <paramref name="certificate"/> is refused, or null when the cluster CA signed it and it is in date.</summary>
    public string? Refusal(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // our CA publishes no revocation list
        if (chain.Build(certificate))
        {
            return null;
        }

        var problems = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return $"its certificate {certificate.Subject} (issuer {certificate.Issuer}) is not signed by this cluster's CA {Authority.Subject} (thumbprint {Authority.Thumbprint}): {string.Join("; ", problems)}";
    }

    /// <summary>Akka.Remote's <see cref="CertificateValidationCallback"/>: logs and refuses a peer whose certificate is not the cluster's.</summary>
    public bool Validate(X509Certificate2? certificate, X509Chain? chain, string remotePeer, System.Net.Security.SslPolicyErrors errors, ILoggingAdapter log)
    {
        ArgumentNullException.ThrowIfNull(log);

        // errors reports the chain against the system's roots (which never hold our CA) and the host name: neither applies.
        var refusal = certificate is null ? "it presented no certificate" : Refusal(certificate);
        if (refusal is not null)
        {
            log.Warning("Remoting TLS refused the peer {0}: {1}", remotePeer, refusal);
        }

        return refusal is null;
    }
}
