using System.Diagnostics;
using System.Text;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// A <c>qa-testworker</c> process (tests/QueueActors.TestWorker, built with the tests): a real worker node
/// that a test can kill with SIGKILL or that kills itself (Environment.FailFast). Its console output is kept
/// for the failure message. Disposing kills it if it still runs.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>qa-testworker run --config <paramref name="configFile"/></c> with the handler on <paramref name="queue"/>.</summary>
    public static WorkerProcess Start(string configFile, string queue, string outDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(["run", "--config", configFile], queue, outDirectory, environment);

    /// <summary>Starts <c>qa-testworker</c> with any command line (the queueactors commands) and extra environment variables.</summary>
    /// <param name="hangUp">How the process starts with SIGHUP: env's <c>--default-signal=HUP</c>, or <c>--ignore-signal=HUP</c> as under nohup.</param>
    public static WorkerProcess Start(IEnumerable<string> arguments, string queue, string outDirectory, IReadOnlyDictionary<string, string>? environment = null, string hangUp = "--default-signal=HUP")
    {
        // Through env, which resets SIGHUP and execs dotnet (same pid): a test run started under nohup ignores SIGHUP,
        // a child inherits that, and .NET keeps a signal ignored at start ignored (the master's rolling restart).
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(hangUp);
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(FindWorker());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["QA_WORKER_QUEUE"] = queue;
        info.Environment["QA_WORKER_OUT"] = outDirectory;
        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("Cannot start the test worker."));
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM: what systemd or Kubernetes sends for a graceful stop.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is acknowledged any more.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>tests/QueueActors.TestWorker/bin/&lt;configuration&gt;/net10.0/qa-testworker.dll, beside this test build.</summary>
    public static string FindWorker()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // tests/QueueActors.Tests/bin/<configuration>/<tfm>/
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var tests = testBin.Parent!.Parent!.Parent!.Parent!.FullName;
        var worker = Path.Combine(tests, "QueueActors.TestWorker", "bin", configuration, framework, "qa-testworker.dll");
        return File.Exists(worker)
            ? worker
            : throw new FileNotFoundException($"The test worker is not built at {worker}: build tests/QueueActors.Tests (it references tests/QueueActors.TestWorker).", worker);
    }
}
