using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// A real Prosody XMPP server (the Debian package) for integration tests and the benchmark:
/// <list type="number">
/// <item>writes a config into a fresh temporary directory: c2s and component ports, free and bound to
/// 127.0.0.1; plain logins allowed without TLS, and STARTTLS offered with a self-signed certificate made by
/// openssl; domain <see cref="Domain"/>, component <see cref="ComponentDomain"/> with <see cref="ComponentSecret"/>;</item>
/// <item>registers the accounts with <c>prosodyctl --config</c>;</item>
/// <item>starts Prosody as the prosody user (<c>runuser -u prosody --</c>; as root it refuses to run and hangs) and
/// waits until both ports accept;</item>
/// <item>can stop it (SIGTERM to the pid in its pid file, so clients see the stream close) and start it again on
/// the same directory and ports;</item>
/// <item>on dispose stops it and deletes the directory.</item>
/// </list>
/// A missing prosody fails the test with the way to install it; nothing is skipped.
/// </summary>
public sealed partial class ProsodyServer : IAsyncDisposable
{
    public const string Domain = "localhost";
    public const string ComponentDomain = "component.localhost";
    private const string ProsodyBinary = "/usr/bin/prosody";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string configFile;
    private Process? process;
    private readonly StringBuilder output = new();

    private ProsodyServer(string directory, int clientPort, int componentPort)
    {
        Directory = directory;
        ClientPort = clientPort;
        ComponentPort = componentPort;
        ComponentSecret = "component-" + Guid.NewGuid().ToString("N");
        configFile = Path.Combine(directory, "prosody.cfg.lua");
    }

    public string Directory { get; }

    public int ClientPort { get; }

    public int ComponentPort { get; }

    public string ComponentSecret { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Makes a server with these accounts (user, password) on <see cref="Domain"/> and starts it.</summary>
    public static async Task<ProsodyServer> StartNewAsync(params (string User, string Password)[] accounts)
    {
        if (!File.Exists(ProsodyBinary))
        {
            throw new InvalidOperationException($"Prosody is not installed ({ProsodyBinary} is missing): run ./test.sh (as root it installs prosody) or apt-get install prosody.");
        }

        var parent = System.IO.Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(); // the prosody user must reach it
        var directory = Path.Combine(parent, "qa-prosody-" + Guid.NewGuid().ToString("N")[..12]);
        var clientPort = FreePort();
        var server = new ProsodyServer(directory, clientPort, FreePort(except: clientPort));
        try
        {
            await server.CreateAsync(accounts).ConfigureAwait(false);
            await server.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    public async Task StartAsync()
    {
        var info = AsProsodyUser(ProsodyBinary, "--config", configFile, "-F");
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start prosody.");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(await AcceptsAsync(ClientPort).ConfigureAwait(false) && await AcceptsAsync(ComponentPort).ConfigureAwait(false)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Prosody did not open ports {ClientPort} and {ComponentPort} within {StartTimeout}: {Diagnostics()}");
            }

            await Task.Delay(25).ConfigureAwait(false); // polling a port that is not open yet: there is nothing to wait on
        }
    }

    /// <summary>Stops the server gracefully (SIGTERM): connected clients see their streams closed.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        var pidFile = Path.Combine(Directory, "prosody.pid");
        if (!process.HasExited && File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile).ConfigureAwait(false)).Trim(), out var pid))
        {
            await RunAsync(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        process = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private string Diagnostics()
    {
        var errors = Path.Combine(Directory, "prosody.err");
        lock (output)
        {
            return output + (File.Exists(errors) ? File.ReadAllText(errors) : "");
        }
    }
}
