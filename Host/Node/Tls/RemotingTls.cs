using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Node.Tls;

/// <summary>
/// Mutual TLS on an actor system's Akka.Remote (DotNetty), from <see cref="RemotingTlsSettings"/>: the system presents
/// <see cref="Certificate"/> in every handshake, inbound and outbound, and accepts a peer only if it presents a
/// certificate the cluster CA signed (<see cref="ClusterCaValidator"/>). The certificate is loaded here and handed to
/// Akka as an object (<see cref="DotNettySslSetup"/>), so its password never enters Akka's configuration or its logs.
/// A node applies it with <see cref="ApplyTo(RemoteOptions)"/>; any other actor system with
/// <c>provider = remote</c> (a client of the cluster) with <see cref="EnableSslHocon"/> and <see cref="SslSetup"/>.
/// </summary>
public sealed class RemotingTls
{
    /// <summary>The address protocol of a system whose remoting runs TLS (plain remoting is <c>akka.tcp</c>).</summary>
    public const string Protocol = "akka.ssl.tcp";

    /// <summary>The HOCON that turns TLS on for a system set up with <see cref="SslSetup"/>.</summary>
    public const string EnableSslHocon = "akka.remote.dot-netty.tcp.enable-ssl = on";

    private RemotingTls(X509Certificate2 certificate, ClusterCaValidator validator)
    {
        Certificate = certificate;
        Validator = validator;
    }

    /// <summary>The certificate (with its private key) this system presents.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Checks the peers' certificates against the cluster CA.</summary>
    public ClusterCaValidator Validator { get; }

    /// <summary>The TLS of a node or client with <paramref name="options"/>, or null when it is off.</summary>
    /// <exception cref="HoconException">As <see cref="Load"/>.</exception>
    public static RemotingTls? For(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Remoting.Tls is { } settings ? Load(options.Config, settings) : null;
    }

    /// <summary>Reads the certificate, its password and the CA, and checks that the CA signed the certificate.</summary>
    /// <param name="config">The configuration the settings came from (errors name its file, line and key).</param>
    /// <param name="settings">Where the files are.</param>
    /// <exception cref="HoconException">A file cannot be read, the password is wrong, or the certificate is not usable with the CA; the message names the key, never the password.</exception>
    public static RemotingTls Load(HoconConfig config, RemotingTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        var authority = LoadAuthority(config, settings.CaFile);
        var certificate = LoadCertificate(config, settings);
        var validator = new ClusterCaValidator(authority);
        if (validator.Refusal(certificate) is { } refusal)
        {
            throw config.ErrorAt(Key("certificate-file"), $"the certificate in {settings.CertificateFile} cannot be used in this cluster: {refusal}");
        }

        return new RemotingTls(certificate, validator);
    }

    /// <summary>The setup that gives an actor system's DotNetty transport this certificate and validator (with <see cref="EnableSslHocon"/>).</summary>
    public DotNettySslSetup SslSetup() =>
        new(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, Validator.Validate);

    /// <summary>Turns TLS on in Akka.Remote.Hosting's options of a node (the same as <see cref="SslSetup"/>).</summary>
    public RemoteOptions ApplyTo(RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnableSsl = true;
        options.Ssl = new SslOptions
        {
            X509Certificate = Certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = Validator.Validate,
        };
        return options;
    }

    /// <summary>A seed node's address (<c>akka.tcp://…</c>, as <see cref="NodeSeeds"/> writes it) on TLS remoting.</summary>
    public static string SeedAddress(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        const string plain = "akka.tcp://";
        return seed.StartsWith(plain, StringComparison.Ordinal) ? Protocol + "://" + seed[plain.Length..] : seed;
    }

    /// <summary>One line for the node's log: what it presents and what it accepts (no secret).</summary>
    public override string ToString() =>
        $"certificate {Certificate.Subject} (thumbprint {Certificate.Thumbprint}, until {Certificate.NotAfter:yyyy-MM-dd}), peers signed by {Validator.Authority.Subject} (thumbprint {Validator.Authority.Thumbprint})";

    private static string Key(string name) => RemotingTlsSettings.Section + "." + name;

    private static X509Certificate2 LoadAuthority(HoconConfig config, string file)
    {
        X509Certificate2 authority;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw config.ErrorAt(Key("ca-file"), $"cannot read the cluster CA certificate {file}: {OneLine(error.Message)}");
        }

        var constraints = authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        return constraints is { CertificateAuthority: true }
            ? authority
            : throw config.ErrorAt(Key("ca-file"), $"{file} holds {authority.Subject}, which is not a CA certificate (queueactors cert ca makes one)");
    }

    private static X509Certificate2 LoadCertificate(HoconConfig config, RemotingTlsSettings settings)
    {
        string? password = null;
        if (!string.IsNullOrWhiteSpace(settings.Password.File) || !string.IsNullOrWhiteSpace(settings.Password.EnvironmentVariable))
        {
            try
            {
                password = settings.Password.Read().Reveal();
            }
            catch (InvalidOperationException error)
            {
                throw config.ErrorAt(Key(string.IsNullOrWhiteSpace(settings.Password.File) ? "password-env" : "password-file"), error.Message);
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificateFile, password);
        }
        catch (CryptographicException error) when (File.Exists(settings.CertificateFile))
        {
            // A wrong password and a file that is no PKCS#12 look alike to the loader; the message says which it thinks.
            throw config.ErrorAt(Key("certificate-file"), $"cannot open {settings.CertificateFile} with the configured password (password-file / password-env): {OneLine(error.Message)}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw config.ErrorAt(Key("certificate-file"), $"cannot read {settings.CertificateFile}: {OneLine(error.Message)}");
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw config.ErrorAt(Key("certificate-file"), $"{settings.CertificateFile} holds no private key; the node needs its certificate with its key (queueactors cert node makes one)");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
