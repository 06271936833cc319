using QueueActors.Tests.Host.Startup;
using Xunit;

namespace QueueActors.Tests.Host.Tls;

/// <summary><c>queueactors run</c> with remoting TLS that cannot work: exit code 2 and one line naming the key, never the password.</summary>
public sealed class RemotingTlsStartupTests : IDisposable
{
    private readonly TestCertificates certificates = new();

    [Fact]
    public async Task A_certificate_file_with_a_wrong_password_exits_2_naming_the_key_and_not_the_password()
    {
        var (file, _) = certificates.Node("n1", certificates.ClusterCa);
        var wrong = Path.Combine(certificates.Root, "wrong.password");
        await File.WriteAllTextAsync(wrong, "wrong-password-never-shown");
        var config = $$"""
            queueactors.data-directory = "{{certificates.Root}}/data"
            queueactors.cluster.remoting.tls { enabled = on, certificate-file = "{{file}}", password-file = "{{wrong}}", ca-file = "{{certificates.ClusterCaFile}}" }
            """;

        var (code, error, output) = await StartupFailure.RunAsync(certificates.Root, config);

        Assert.True(code == 2, $"exit code {code}; output:\n{output}");
        Assert.Contains("queueactors.cluster.remoting.tls.certificate-file: cannot open", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-never-shown", output, StringComparison.Ordinal);
    }

    public void Dispose() => certificates.Dispose();
}
