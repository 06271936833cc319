using System.Diagnostics;
using System.Text;

namespace QueueActors.Tests.Host;

/// <summary>
/// The <c>queueactors</c> executable started as a real process (the build copies it beside the tests);
/// its output is collected and can be awaited line by line.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> waiters = [];

    private NodeProcess(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static NodeProcess Start(params string[] args) => StartIn(null, null, args);

    /// <summary>Starts it in <paramref name="workingDirectory"/> (null: this one) with <paramref name="environment"/> added (a null value removes the variable).</summary>
    public static NodeProcess StartIn(string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Launch(Path.Combine(AppContext.BaseDirectory, "queueactors.dll"), workingDirectory, environment, args);

    /// <summary>Another executable built on the queueactors command line (e.g. samples/MyApp), by its dll.</summary>
    public static NodeProcess StartDll(string dll, params string[] args) => Launch(dll, null, null, args);

    private static NodeProcess Launch(string dll, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits for a line containing <paramref name="text"/>, seen before or after the call.</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            var earlier = output.ToString().Split('\n').FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal));
            if (earlier is not null)
            {
                return Task.FromResult(earlier);
            }

            waiters.Add((line => line.Contains(text, StringComparison.Ordinal), seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as systemd or `kill` would.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, its connections just drop.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            foreach (var (match, seen) in waiters.Where(w => w.Match(line)).ToList())
            {
                seen.TrySetResult(line);
                waiters.RemoveAll(w => w.Seen == seen);
            }
        }
    }
}
