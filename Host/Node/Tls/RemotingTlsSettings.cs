using QueueActors.Actors.Config;

namespace QueueActors.Host.Node.Tls;

/// <summary>
/// Mutual TLS on Akka.Remote (<c>queueactors.cluster.remoting.tls</c>): where the node's certificate, its password and
/// the cluster CA are. Only paths and names: <see cref="RemotingTls.Load"/> reads them.
/// </summary>
/// <param name="CertificateFile">The node's certificate with its private key, PKCS#12 (.pfx).</param>
/// <param name="Password">Where the certificate's password is (a file, else an environment variable); neither: no password.</param>
/// <param name="CaFile">The cluster CA's certificate (PEM or DER): a peer's certificate must be signed by it.</param>
public sealed record RemotingTlsSettings(string CertificateFile, SecretSource Password, string CaFile)
{
    public const string Section = "queueactors.cluster.remoting.tls";

    /// <summary>The settings, or null when TLS is off (the default: loopback needs none).</summary>
    /// <exception cref="HoconException">TLS is on and the certificate or the CA is not named.</exception>
    public static RemotingTlsSettings? FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        if (!section.GetBool("enabled"))
        {
            return null;
        }

        return new RemotingTlsSettings(
            Required(section, "certificate-file", "the node's PKCS#12 (.pfx) certificate file (queueactors cert node makes one)"),
            new SecretSource(section.GetString("password-file"), section.GetString("password-env")),
            Required(section, "ca-file", "the cluster CA's certificate file (queueactors cert ca makes one)"));
    }

    private static string Required(HoconConfig section, string key, string what)
    {
        var value = section.GetString(key);
        return string.IsNullOrWhiteSpace(value) ? throw section.InvalidValue(key, what) : value;
    }
}
