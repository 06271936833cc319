using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ node for integration tests, run by <c>scripts/rabbitmq-node.sh</c>:
/// <list type="number">
/// <item>picks free ports (AMQP and Erlang distribution) and a fresh temporary directory;</item>
/// <item>starts the node there (no plugins, 127.0.0.1 only, guest/guest) and waits until it is up;</item>
/// <item>can stop and start it again on the same directory and ports, so durable state survives, as a
/// broker restart would;</item>
/// <item>on dispose stops it and deletes the directory.</item>
/// </list>
/// Missing broker binaries fail the test with the way to install them; nothing is skipped silently.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    private const string ServerBinary = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(150);
    private readonly string _script;
    private readonly int _distPort;

    private RabbitMqBroker(string script, string directory, int amqpPort, int distPort)
    {
        _script = script;
        Directory = directory;
        AmqpPort = amqpPort;
        _distPort = distPort;
    }

    /// <summary>Where the node keeps everything (mnesia, logs, cookie).</summary>
    public string Directory { get; }

    public int AmqpPort { get; }

    /// <summary>The node's AMQP URI (guest may log in from 127.0.0.1).</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    public bool IsRunning { get; private set; }

    /// <summary>How long the last start took (for the report of test timings).</summary>
    public TimeSpan LastStartDuration { get; private set; }

    /// <summary>Starts a fresh node.</summary>
    public static async Task<RabbitMqBroker> StartNewAsync()
    {
        if (!File.Exists(ServerBinary))
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not installed ({ServerBinary} is missing): run ./test.sh (installs rabbitmq-server) or apt-get install rabbitmq-server.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "qa-rmq-" + Guid.NewGuid().ToString("N")[..12]);
        var amqpPort = FreePort();
        var distPort = FreePort(except: amqpPort);
        var broker = new RabbitMqBroker(FindScript(), directory, amqpPort, distPort);
        try
        {
            await broker.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return broker;
    }

    public async Task StartAsync()
    {
        var started = Stopwatch.StartNew();
        await RunScriptAsync("start", Directory, AmqpPort.ToString(), _distPort.ToString()).ConfigureAwait(false);
        LastStartDuration = started.Elapsed;
        IsRunning = true;
    }

    public async Task StopAsync()
    {
        await RunScriptAsync("stop", Directory).ConfigureAwait(false);
        IsRunning = false;
    }

    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the node's Erlang VM with SIGSTOP: its sockets stay open and nothing answers, as a hung broker.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>Lets a frozen node run again (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        var pid = (await File.ReadAllTextAsync(Path.Combine(Directory, "rmq.pid")).ConfigureAwait(false)).Trim();
        using var kill = Process.Start("kill", [signal, pid]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {pid} (the broker in {Directory}) exited {kill.ExitCode}.");
        }
    }

    /// <summary>Runs <c>rabbitmqctl</c> against the node and returns its standard output.</summary>
    public Task<string> CtlAsync(params string[] arguments) => RunScriptAsync(["ctl", Directory, .. arguments]);

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

    private Task<string> RunScriptAsync(params string[] arguments) => RunAsync(_script, arguments);

    private static async Task<string> RunAsync(string script, string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} did not finish in {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "rabbitmq-node.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/rabbitmq-node.sh not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// A free port in 20000–29999: below the kernel's ephemeral range (so no outgoing connection takes it
    /// meanwhile) and such that Erlang's derived CLI ports (+10000) stay valid.
    /// </summary>
    private static int FreePort(int except = 0)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20000, 30000);
            if (port == except)
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port found in 20000-29999.");
    }
}
