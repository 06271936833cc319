using QueueActors.Host.Node.Tls;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Host.Tls;

/// <summary>
/// A cluster CA and a foreign one (another cluster's, an attacker's) in a temp folder, and node certificates of
/// either, made as an operator would (<see cref="ClusterCertificates"/>, what <c>queueactors cert</c> runs).
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly TempDirectory folder = new();

    public TestCertificates()
    {
        ClusterCertificates.CreateAuthority(ClusterCa, "Test cluster CA", TimeSpan.FromDays(1));
        ClusterCertificates.CreateAuthority(ForeignCa, "Foreign CA", TimeSpan.FromDays(1));
    }

    public string Root => folder.Path;

    /// <summary>The cluster's CA folder.</summary>
    public string ClusterCa => Path.Combine(Root, "cluster-ca");

    /// <summary>Another CA's folder: its certificates are not the cluster's.</summary>
    public string ForeignCa => Path.Combine(Root, "foreign-ca");

    public string ClusterCaFile => Path.Combine(ClusterCa, ClusterCertificates.CaCertificateFile);

    public string ForeignCaFile => Path.Combine(ForeignCa, ClusterCertificates.CaCertificateFile);

    /// <summary>Makes a node certificate signed by <paramref name="caDirectory"/>; returns the .pfx and its password file.</summary>
    public (string File, string PasswordFile) Node(string name, string caDirectory)
    {
        var file = Path.Combine(Root, name + ".pfx");
        var passwordFile = file + ".password";
        var password = ClusterCertificates.NewPassword();
        ClusterCertificates.CreateNode(caDirectory, name, ["127.0.0.1"], file, password, TimeSpan.FromDays(1));
        ClusterCertificates.WriteOwnerOnly(passwordFile, password);
        return (file, passwordFile);
    }

    /// <summary>The <c>queueactors.cluster.remoting.tls</c> section of a node with certificate <paramref name="name"/> of <paramref name="caDirectory"/>, which it also trusts.</summary>
    public string NodeConfig(string name, string caDirectory)
    {
        var (file, passwordFile) = Node(name, caDirectory);
        return $$"""
            queueactors.cluster.remoting.tls {
              enabled = on
              certificate-file = "{{file}}"
              password-file = "{{passwordFile}}"
              ca-file = "{{Path.Combine(caDirectory, ClusterCertificates.CaCertificateFile)}}"
            }
            """;
    }

    public void Dispose() => folder.Dispose();
}
