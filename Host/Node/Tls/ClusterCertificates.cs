using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QueueActors.Host.Node.Tls;

/// <summary>
/// Makes a cluster CA and node certificates for mutual TLS on remoting (<c>queueactors cert</c>), with .NET's own
/// <see cref="CertificateRequest"/>: no openssl needed, the same on every OS. Keys are ECDSA P-256 (fast handshakes).
/// A node certificate allows both server and client authentication: in mutual TLS every node is both.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>The CA's certificate in a CA folder: what <c>queueactors.cluster.remoting.tls.ca-file</c> names on every node.</summary>
    public const string CaCertificateFile = "ca.crt";

    /// <summary>The CA's private key in a CA folder (owner-only): keep it off the nodes.</summary>
    public const string CaKeyFile = "ca.key";

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Makes a CA in <paramref name="directory"/> (<see cref="CaCertificateFile"/>, <see cref="CaKeyFile"/>).</summary>
    /// <exception cref="IOException">The folder already holds a CA key (a new CA would lock out every node of the old one).</exception>
    public static X509Certificate2 CreateAuthority(string directory, string name, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var keyFile = Path.Combine(directory, CaKeyFile);
        if (File.Exists(keyFile))
        {
            throw new IOException($"{keyFile} exists already; a new CA would not trust the certificates of the old one");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(CommonName(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        var authority = request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
        Directory.CreateDirectory(directory);
        WriteOwnerOnly(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, CaCertificateFile), authority.ExportCertificatePem() + "\n");
        return authority;
    }

    /// <summary>
    /// Makes node <paramref name="name"/>'s certificate, signed by the CA in <paramref name="caDirectory"/>, as a PKCS#12
    /// file <paramref name="output"/> protected by <paramref name="password"/>.
    /// </summary>
    /// <param name="hosts">Host names and addresses put in the certificate's subject alternative names (for other tools: the nodes do not check them).</param>
    /// <exception cref="IOException">The CA folder has no CA, or <paramref name="output"/> exists.</exception>
    public static X509Certificate2 CreateNode(string caDirectory, string name, IReadOnlyList<string> hosts, string output, string password, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(password);
        if (File.Exists(output))
        {
            throw new IOException($"{output} exists already");
        }

        using var authority = X509Certificate2.CreateFromPemFile(Path.Combine(caDirectory, CaCertificateFile), Path.Combine(caDirectory, CaKeyFile));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(CommonName(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (hosts.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var host in hosts)
            {
                if (IPAddress.TryParse(host, out var address))
                {
                    names.AddIpAddress(address);
                }
                else
                {
                    names.AddDnsName(host);
                }
            }

            request.CertificateExtensions.Add(names.Build());
        }
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity < authority.NotAfter ? now + validity : new DateTimeOffset(authority.NotAfter.ToUniversalTime()); // not beyond its CA
        using var signed = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        var withKey = signed.CopyWithPrivateKey(key);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        WriteOwnerOnly(output, withKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));
        return withKey;
    }

    /// <summary>A subject of one common name (a name with a comma or an equals sign stays one name).</summary>
    private static X500DistinguishedName CommonName(string name)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(name);
        return builder.Build();
    }

    /// <summary>A random password for a node's certificate file.</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>Writes a new file readable by its owner only (a private key, a password).</summary>
    public static void WriteOwnerOnly(string file, string text) => WriteOwnerOnly(file, System.Text.Encoding.UTF8.GetBytes(text));

    private static void WriteOwnerOnly(string file, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(file, options);
        stream.Write(content);
    }
}
