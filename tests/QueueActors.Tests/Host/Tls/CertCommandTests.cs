using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Tls;

/// <summary><c>queueactors cert ca</c> and <c>cert node</c> as an operator runs them: the files a node's TLS section names.</summary>
public sealed class CertCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();

    [Fact]
    public async Task Cert_ca_then_cert_node_write_the_CA_and_a_node_certificate_with_an_owner_only_password_file()
    {
        var ca = Path.Combine(folder.Path, "ca");
        var pfx = Path.Combine(folder.Path, "n1.pfx");

        var (caCode, caOutput) = await RunAsync("cert", "ca", "--out", ca);
        var (nodeCode, nodeOutput) = await RunAsync("cert", "node", "--ca", ca, "--name", "n1", "--out", pfx);
        var (againCode, againOutput) = await RunAsync("cert", "ca", "--out", ca);

        Assert.True(caCode == 0, caOutput);
        Assert.True(nodeCode == 0, nodeOutput);
        Assert.True(File.Exists(Path.Combine(ca, "ca.crt")) && File.Exists(Path.Combine(ca, "ca.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ca, "ca.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx + ".password"));
        }

        Assert.Contains($"password-file = \"{pfx}.password\"", nodeOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(await File.ReadAllTextAsync(pfx + ".password"), nodeOutput, StringComparison.Ordinal);
        Assert.Equal(2, againCode); // a second CA over the first would lock every node out
        Assert.Contains("exists already", againOutput, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = NodeProcess.Start(arguments);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.Output);
    }
}
