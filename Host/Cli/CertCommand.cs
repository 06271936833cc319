using System.CommandLine;
using System.Security.Cryptography;
using QueueActors.Host.Node.Tls;

namespace QueueActors.Host.Cli;

/// <summary>
/// <c>cert ca --out DIR</c> and <c>cert node --ca DIR --name NODE --out FILE</c>: a cluster CA and node certificates
/// for mutual TLS on remoting (<see cref="ClusterCertificates"/>). A node's password goes to a file beside its
/// certificate (owner-only), never to the terminal.
/// </summary>
public static class CertCommand
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static Command Create()
    {
        var command = new Command("cert", "Make the certificates of mutual TLS on remoting: a cluster CA, then one certificate per node");
        command.Subcommands.Add(CreateAuthority());
        command.Subcommands.Add(CreateNode());
        return command;
    }

    private static Command CreateAuthority()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write ca.crt (for every node) and ca.key (keep it off the nodes) into", Required = true };
        var name = new Option<string>("--name") { Description = "The CA's common name", DefaultValueFactory = _ => "QueueActors cluster CA " + Guid.NewGuid().ToString("N")[..8] }; // one CA told from another in the logs
        var days = new Option<int>("--days") { Description = "How long the CA is valid, in days", DefaultValueFactory = _ => 3650 };
        var command = new Command("ca", "Make a cluster CA: every node trusts exactly the certificates it signs") { output, name, days };
        command.SetAction(async parse =>
        {
            var directory = parse.GetValue(output)!.FullName;
            try
            {
                var authority = ClusterCertificates.CreateAuthority(directory, parse.GetValue(name)!, parse.GetValue(days) * Day);
                Console.WriteLine($"made {authority.Subject} (thumbprint {authority.Thumbprint}, until {authority.NotAfter:yyyy-MM-dd}) in {directory}");
                Console.WriteLine($"every node: queueactors.cluster.remoting.tls.ca-file = \"{Path.Combine(directory, ClusterCertificates.CaCertificateFile)}\"");
                return ExitCodes.Ok;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                return ExitCodes.BadConfig;
            }
        });
        return command;
    }

    private static Command CreateNode()
    {
        var ca = new Option<DirectoryInfo>("--ca") { Description = "The CA folder (cert ca --out)", Required = true };
        var name = new Option<string>("--name") { Description = "The node's name, the certificate's common name", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The PKCS#12 file to write (e.g. node1.pfx)", Required = true };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "The password to protect it with: this file's content, or a new random one written there; default: <out>.password" };
        var hosts = new Option<string[]>("--host") { Description = "A host name or address of the node, put in the certificate for other tools (repeatable; the nodes check the CA, not names)", AllowMultipleArgumentsPerToken = false };
        var days = new Option<int>("--days") { Description = "How long the certificate is valid, in days (at most as long as the CA)", DefaultValueFactory = _ => 825 };
        var command = new Command("node", "Make a node's certificate, signed by the cluster CA") { ca, name, output, passwordFile, hosts, days };
        command.SetAction(async parse =>
        {
            var file = parse.GetValue(output)!.FullName;
            var passwordPath = parse.GetValue(passwordFile)?.FullName ?? file + ".password";
            try
            {
                var madePassword = !File.Exists(passwordPath);
                var password = madePassword ? ClusterCertificates.NewPassword() : File.ReadAllText(passwordPath).TrimEnd('\r', '\n');
                var certificate = ClusterCertificates.CreateNode(parse.GetValue(ca)!.FullName, parse.GetValue(name)!, parse.GetValue(hosts) ?? [], file, password, parse.GetValue(days) * Day);
                if (madePassword)
                {
                    ClusterCertificates.WriteOwnerOnly(passwordPath, password);
                }

                Console.WriteLine($"made {certificate.Subject} (thumbprint {certificate.Thumbprint}, until {certificate.NotAfter:yyyy-MM-dd}) signed by {certificate.Issuer}");
                Console.WriteLine($"node: queueactors.cluster.remoting.tls {{ enabled = on, certificate-file = \"{file}\", password-file = \"{passwordPath}\" }}");
                return ExitCodes.Ok;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                return ExitCodes.BadConfig;
            }
        });
        return command;
    }
}
