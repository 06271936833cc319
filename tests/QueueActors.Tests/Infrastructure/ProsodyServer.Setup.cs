using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QueueActors.Tests.Infrastructure;

/// <summary>Making the server's directory, config, certificate and accounts; running the tools; finding ports.</summary>
public sealed partial class ProsodyServer
{
    private async Task CreateAsync((string User, string Password)[] accounts)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "data"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "certs"));
        var key = Path.Combine(Directory, "certs", Domain + ".key");
        var certificate = Path.Combine(Directory, "certs", Domain + ".crt");
        await RunAsync(new ProcessStartInfo("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=" + Domain, "-addext", "subjectAltName=DNS:" + Domain])).ConfigureAwait(false);
        await File.WriteAllTextAsync(configFile, Config(key, certificate)).ConfigureAwait(false);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync(new ProcessStartInfo("chown", ["-R", "prosody:prosody", Directory])).ConfigureAwait(false);
        }

        foreach (var (user, password) in accounts)
        {
            await RunAsync(new ProcessStartInfo("prosodyctl", ["--config", configFile, "register", user, Domain, password])).ConfigureAwait(false);
        }

        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync(new ProcessStartInfo("chown", ["-R", "prosody:prosody", Directory])).ConfigureAwait(false);
        }
    }

    private string Config(string key, string certificate) => $$"""
        modules_enabled = { "disco"; "roster"; "saslauth"; "tls"; "ping"; "presence"; "message"; "iq" }
        modules_disabled = { "s2s" }
        interfaces = { "127.0.0.1" }
        c2s_ports = { {{ClientPort}} }
        component_interfaces = { "127.0.0.1" }
        component_ports = { {{ComponentPort}} }
        c2s_require_encryption = false
        allow_unencrypted_plain_auth = true
        authentication = "internal_hashed"
        storage = "internal"
        data_path = "{{Directory}}/data"
        certificates = "{{Directory}}/certs"
        pidfile = "{{Directory}}/prosody.pid"
        log = { info = "{{Directory}}/prosody.log"; error = "{{Directory}}/prosody.err" }
        VirtualHost "{{Domain}}"
          ssl = { key = "{{key}}"; certificate = "{{certificate}}" }
        Component "{{ComponentDomain}}"
          component_secret = "{{ComponentSecret}}"
        """;

    /// <summary>As root, run as the prosody user; as anyone else, run as oneself.</summary>
    private static ProcessStartInfo AsProsodyUser(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess ? new ProcessStartInfo("runuser", ["-u", "prosody", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);

    private static async Task RunAsync(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        using var run = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {info.FileName}.");
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync().ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {(info.FileName == "prosodyctl" ? "register …" : string.Join(' ', info.ArgumentList))} exited {run.ExitCode}: {await stdout.ConfigureAwait(false)} {await stderr.ConfigureAwait(false)}");
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A free port in 30000–31999 (below the ephemeral range, apart from the RabbitMQ fixture's).</summary>
    private static int FreePort(int except = 0)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(30000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                if (port != except)
                {
                    return port;
                }
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port found in 30000-31999.");
    }
}
