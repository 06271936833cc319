using System.Security.Cryptography.X509Certificates;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;
using QueueActors.Host.Node.Tls;
using Xunit;

namespace QueueActors.Tests.Host.Tls;

/// <summary>
/// <c>queueactors.cluster.remoting.tls</c> read and loaded: off by default; on, a file that cannot work is an error
/// naming its key (never the password), and the loaded certificate accepts exactly the peers of the cluster CA.
/// </summary>
public sealed class RemotingTlsTests : IDisposable
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;
    private readonly TestCertificates certificates = new();

    [Fact]
    public void Tls_is_off_by_default()
    {
        Assert.Null(NodeRemoting.FromConfig(ConfigLoader.LoadText("", NoEnvironment)).Tls);
    }

    [Fact]
    public void Tls_on_without_a_certificate_file_names_the_key()
    {
        var error = Assert.Throws<HoconException>(() => NodeRemoting.FromConfig(ConfigLoader.LoadText("queueactors.cluster.remoting.tls.enabled = on", NoEnvironment)));

        Assert.Contains("queueactors.cluster.remoting.tls.certificate-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_of_the_cluster_CA_loads_and_its_validator_accepts_the_cluster_s_peers_only()
    {
        var tls = Load(certificates.NodeConfig("n1", certificates.ClusterCa));
        var (member, memberPassword) = certificates.Node("n2", certificates.ClusterCa);
        var (outsider, outsiderPassword) = certificates.Node("outsider", certificates.ForeignCa);

        Assert.Equal("CN=n1", tls.Certificate.Subject);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Null(tls.Validator.Refusal(X509CertificateLoader.LoadPkcs12FromFile(member, File.ReadAllText(memberPassword))));
        var refusal = tls.Validator.Refusal(X509CertificateLoader.LoadPkcs12FromFile(outsider, File.ReadAllText(outsiderPassword)));
        Assert.NotNull(refusal);
        Assert.Contains("CN=outsider", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_names_the_certificate_file_and_not_the_password()
    {
        var (file, _) = certificates.Node("n1", certificates.ClusterCa);
        var wrong = Path.Combine(certificates.Root, "wrong.password");
        File.WriteAllText(wrong, "not-the-password-4f2a");

        var error = Assert.Throws<HoconException>(() => Load(Section(file, $"password-file = \"{wrong}\"", certificates.ClusterCaFile)));

        Assert.Contains("queueactors.cluster.remoting.tls.certificate-file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-4f2a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_variable_that_is_not_set_names_password_env()
    {
        var (file, _) = certificates.Node("n1", certificates.ClusterCa);

        var error = Assert.Throws<HoconException>(() => Load(Section(file, "password-env = \"QA_TEST_UNSET_TLS_PASSWORD\"", certificates.ClusterCaFile)));

        Assert.Contains("queueactors.cluster.remoting.tls.password-env", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_names_the_key()
    {
        var error = Assert.Throws<HoconException>(() => Load(Section(Path.Combine(certificates.Root, "missing.pfx"), "", certificates.ClusterCaFile)));

        Assert.Contains("queueactors.cluster.remoting.tls.certificate-file", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing.pfx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_another_CA_signed_is_refused_at_load()
    {
        var (file, passwordFile) = certificates.Node("outsider", certificates.ForeignCa);

        var error = Assert.Throws<HoconException>(() => Load(Section(file, $"password-file = \"{passwordFile}\"", certificates.ClusterCaFile)));

        Assert.Contains("queueactors.cluster.remoting.tls.certificate-file", error.Message, StringComparison.Ordinal);
        Assert.Contains("not signed by this cluster's CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_file_that_is_not_a_CA_names_the_key()
    {
        var (file, passwordFile) = certificates.Node("n1", certificates.ClusterCa);
        var leaf = Path.Combine(certificates.Root, "leaf.crt");
        File.WriteAllText(leaf, X509CertificateLoader.LoadPkcs12FromFile(file, File.ReadAllText(passwordFile)).ExportCertificatePem());

        var error = Assert.Throws<HoconException>(() => Load(Section(file, $"password-file = \"{passwordFile}\"", leaf)));

        Assert.Contains("queueactors.cluster.remoting.tls.ca-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_certificate_serves_both_ends_of_mutual_TLS_and_is_no_CA()
    {
        var (file, passwordFile) = certificates.Node("n1", certificates.ClusterCa);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, File.ReadAllText(passwordFile));

        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages.Order(StringComparer.Ordinal));
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void A_second_CA_is_not_made_over_the_first()
    {
        Assert.Throws<IOException>(() => ClusterCertificates.CreateAuthority(certificates.ClusterCa, "again", TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Seed_nodes_are_addressed_by_the_TLS_protocol()
    {
        Assert.Equal("akka.ssl.tcp://queueactors@10.0.0.1:4053", RemotingTls.SeedAddress("akka.tcp://queueactors@10.0.0.1:4053"));
        Assert.Equal("akka.tcp://queueactors@10.0.0.1:4053", NodeSeeds.TryNormalize("akka.ssl.tcp://queueactors@10.0.0.1:4053"));
    }

    public void Dispose() => certificates.Dispose();

    private static RemotingTls Load(string text)
    {
        var config = ConfigLoader.LoadText(text, NoEnvironment);
        return RemotingTls.Load(config, NodeRemoting.FromConfig(config).Tls!);
    }

    private static string Section(string certificateFile, string password, string caFile) =>
        $"queueactors.cluster.remoting.tls {{ enabled = on, certificate-file = \"{certificateFile}\", {(password.Length > 0 ? password + ", " : "")}ca-file = \"{caFile}\" }}";
}
