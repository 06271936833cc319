using System.Diagnostics;
using System.Text;

namespace QueueActors.Benchmarks.Cluster;

/// <summary>One <c>queueactors run</c> process of the Host executable; its output is kept for a failure message.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly List<(long At, string Line)> lines = [];

    private ClusterNode(string name, Process process)
    {
        Name = name;
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    /// <summary>
    /// Waits for the first line containing <paramref name="text"/> that arrived at or after the
    /// <see cref="Stopwatch.GetTimestamp"/> <paramref name="since"/>; returns when it arrived (a timestamp).
    /// </summary>
    public async Task<long> WaitForLineAsync(string text, long since, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (output)
            {
                foreach (var (at, line) in lines)
                {
                    if (at >= since && line.Contains(text, StringComparison.Ordinal))
                    {
                        return at;
                    }
                }
            }

            await Task.Delay(2).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} wrote no line with '{text}' within {timeout}");
    }

    /// <summary>The lines that arrived at or after the <see cref="Stopwatch.GetTimestamp"/> <paramref name="since"/>.</summary>
    public IReadOnlyList<string> LinesSince(long since)
    {
        lock (output)
        {
            return [.. lines.Where(l => l.At >= since).Select(l => l.Line)];
        }
    }

    /// <summary>SIGTERM: a graceful stop (the node drains and leaves the cluster).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash.</summary>
    public void KillHard() => process.Kill();

    public Task WaitForExitAsync() => process.WaitForExitAsync();

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

    /// <summary>Starts <c>dotnet <paramref name="hostDll"/> [<paramref name="verb"/>] run --config <paramref name="configFile"/></c>.</summary>
    public static ClusterNode Start(string name, string hostDll, string configFile, string? verb = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[hostDll, .. verb is null ? [] : new[] { verb }, "run", "--config", configFile])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        return new ClusterNode(name, Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + hostDll));
    }

    /// <summary>Host/bin/&lt;Release|Debug&gt;/net10.0/queueactors.dll of the repository this benchmark runs in (Release first).</summary>
    public static string FindHost()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "QueueActors.sln")))
            {
                var candidates = new[] { "Release", "Debug" }.Select(c => Path.Combine(directory.FullName, "Host", "bin", c, "net10.0", "queueactors.dll"));
                return candidates.FirstOrDefault(File.Exists)
                    ?? throw new FileNotFoundException("the Host executable is not built: dotnet build -c Release Host (or pass --host <queueactors.dll>)");
            }
        }

        throw new FileNotFoundException("QueueActors.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            var at = Stopwatch.GetTimestamp();
            lock (output)
            {
                output.AppendLine(line);
                lines.Add((at, line));
            }
        }
    }
}
