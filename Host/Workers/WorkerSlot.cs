using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Workers;

/// <summary>
/// One worker of a master over its incarnations: starts its process, passes its output on (each line prefixed with its
/// name), notes when it says it is up (<see cref="WorkerChild.UpLine"/>), and when it ends starts it again as its
/// <see cref="RespawnPolicy"/> says, until the master stops or the policy gives up.
/// </summary>
internal sealed class WorkerSlot(WorkerChild child, string name, (string FileName, IReadOnlyList<string> Arguments) commandLine, RespawnPolicy policy, TimeProvider time, ILogger logger)
{
    private readonly TaskCompletionSource _firstStartSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private TaskCompletionSource? _restarted;
    private volatile bool _restartRequested;
    private WorkerEnd _ended = WorkerEnd.Stopped;

    /// <summary>Whether a process of this worker runs now.</summary>
    public bool IsRunning => Volatile.Read(ref _process) is not null;

    /// <summary>Completes when the first process said it was up, or ended.</summary>
    public Task FirstStartSettled => _firstStartSettled.Task;

    /// <summary>Runs the worker until <paramref name="stopping"/> (the master then terminates it) or until it is given up.</summary>
    public async Task<WorkerEnd> RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var delay = await RunOnceAsync(stopping).ConfigureAwait(false);
            if (delay is not { } wait)
            {
                return stopping.IsCancellationRequested ? WorkerEnd.Stopped : _ended;
            }

            try
            {
                await Task.Delay(wait, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return WorkerEnd.Stopped;
            }
        }

        return WorkerEnd.Stopped;
    }

    /// <summary>SIGTERM to the running process, if any: it drains and exits.</summary>
    public void Terminate()
    {
        if (Volatile.Read(ref _process) is { } process)
        {
            Signal(process, "TERM");
        }
    }

    /// <summary>SIGKILL to the running process, if any (a stop that outlasted its timeout).</summary>
    public void Kill(TimeSpan timeout)
    {
        if (Volatile.Read(ref _process) is { } process)
        {
            try
            {
                WorkersLog.Killed(logger, name, process.Id, timeout);
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it has exited meanwhile
            }
        }
    }

    /// <summary>Stops the running process gracefully and waits until the next one is up (SIGHUP's rolling restart).</summary>
    public async Task RestartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _restarted, restarted);
        _restartRequested = true;
        Terminate();
        await restarted.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    // One incarnation: the delay before the next, or null when there is none (stopped, or given up: _ended says which).
    private async Task<TimeSpan?> RunOnceAsync(CancellationToken stopping)
    {
        DateTimeOffset? upAt = null;
        Process process;
        try
        {
            process = Start(() => upAt = time.GetUtcNow());
        }
        catch (Win32Exception error)
        {
            WorkersLog.StartFailed(logger, name, error.Message);
            _ended = WorkerEnd.GaveUp;
            return null;
        }

        using (process)
        {
            if (stopping.IsCancellationRequested)
            {
                Terminate(); // the stop's SIGTERM may have gone out before this process existed
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _process, null);
            _firstStartSettled.TrySetResult();
            if (stopping.IsCancellationRequested)
            {
                return null;
            }

            if (_restartRequested)
            {
                _restartRequested = false; // SIGHUP's rolling restart: planned, no backoff
                WorkersLog.Restarting(logger, name, process.Id, ExitStatus.Describe(process.ExitCode));
                return TimeSpan.Zero;
            }

            var now = time.GetUtcNow();
            var uptime = upAt is { } up ? now - up : TimeSpan.Zero;
            var decision = policy.OnExit(now, process.ExitCode, upAt is not null, uptime);
            var status = ExitStatus.Describe(process.ExitCode);
            if (!decision.Respawn)
            {
                WorkersLog.GaveUp(logger, name, process.Id, status, decision.Reason);
                _ended = process.ExitCode == 0 ? WorkerEnd.Stopped : WorkerEnd.GaveUp;
                return null;
            }

            var ran = upAt is null ? "before it was up" : "after " + uptime.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) + " up";
            WorkersLog.Respawning(logger, name, process.Id, status, ran, decision.Reason, decision.Delay);
            return decision.Delay;
        }
    }

    private Process Start(Action up)
    {
        var info = new ProcessStartInfo(commandLine.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in commandLine.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in child.Environment())
        {
            info.Environment[variable] = value;
        }

        var process = new Process { StartInfo = info };
        var prefix = $"[{name}] ";
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == WorkerChild.UpLine)
            {
                up();
                _firstStartSettled.TrySetResult();
                WorkersLog.Up(logger, name, process.Id);
                Interlocked.Exchange(ref _restarted, null)?.TrySetResult();
            }
            else if (line.Data is not null)
            {
                Console.Out.WriteLine(prefix + line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine(prefix + line.Data);
            }
        };
        process.Start();
        Volatile.Write(ref _process, process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WorkersLog.Started(logger, name, process.Id);
        return process;
    }

    // .NET sends only SIGKILL to another process; kill(1) sends the others.
    private static void Signal(Process process, string signal)
    {
        try
        {
            using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
        catch (Exception error) when (error is InvalidOperationException or Win32Exception)
        {
            // it has exited meanwhile, or kill(1) is missing: the stop's timeout kills it
        }
    }
}
