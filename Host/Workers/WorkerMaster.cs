using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using QueueActors.Host.Cli;
using QueueActors.Host.Node;

namespace QueueActors.Host.Workers;

/// <summary>
/// <c>run --workers N</c> (N &gt; 1): this process becomes a master that is no cluster member and holds no transport. It
/// starts N worker processes of the same program (<see cref="WorkerLayout"/>), starts a dead one again
/// (<see cref="RespawnPolicy"/>), logs how each ended (<see cref="ExitStatus"/>), and:
/// <list type="bullet">
/// <item>SIGTERM or SIGINT: SIGTERM to every worker (each drains), waits <c>shutdown-timeout</c> plus a margin, then
/// SIGKILL; exits 0;</item>
/// <item>SIGHUP: restarts the workers one at a time (each drains, the next stops once its successor is up);
/// <c>node restart</c> reaches each worker directly, as a member of the cluster;</item>
/// <item>when no worker is left (each given up, or stopped on request with exit 0): exits 0, or
/// <see cref="ExitCodes.WorkersFailed"/> when one was given up.</item>
/// </list>
/// </summary>
public static class WorkerMaster
{
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(NodeOptions options, int workers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var children = WorkerLayout.Plan(options, workers);
        NodePreflight.Check(options);
        ClusterSecrets.Resolve(options); // creates the embedded node's secret once, before the workers read it
        using var logging = ConsoleLogging.CreateFactory();
        var logger = logging.CreateLogger(typeof(WorkerMaster).FullName!);
        var commandLine = WorkerCommandLine.OfThisProcess();
        var node = options.Node;
        var slots = children.Select(child => new WorkerSlot(child, WorkerChild.NameOf(node.Name, child.Index), commandLine,
            new RespawnPolicy(node.WorkerStartFailures, node.WorkerStartWindow), TimeProvider.System, logger)).ToList();
        var stopTimeout = node.ShutdownTimeout + StopMargin;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarting = 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // the master exits once its workers did
            if (stopRequested.TrySetResult())
            {
                WorkersLog.Stopping(logger, node.Name, context.Signal.ToString(), stopTimeout);
                stopping.Cancel();
                slots.ForEach(slot => slot.Terminate());
            }
        }

        async Task RollingRestartAsync()
        {
            WorkersLog.RollingRestart(logger, node.Name);
            try
            {
                foreach (var slot in slots.Where(slot => slot.IsRunning)) // not one given up
                {
                    await slot.RestartAsync(stopTimeout + StopMargin, stopping.Token).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is OperationCanceledException or TimeoutException)
            {
                // stopping, or a worker that does not come up again: its own log says why
            }
            finally
            {
                Volatile.Write(ref restarting, 0);
            }
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            if (Interlocked.Exchange(ref restarting, 1) == 0)
            {
                _ = Task.Run(RollingRestartAsync, CancellationToken.None);
            }
        });

        if (HangUpIgnoredAtStart())
        {
            WorkersLog.HangUpIgnored(logger, node.Name);
        }

        WorkersLog.Starting(logger, node.Name, workers);

        // Worker 1 first, until it is up (or has died once): it creates the embedded database's schema and, in a cluster
        // of one, founds the cluster the others join.
        var first = slots[0].RunAsync(stopping.Token);
        await Task.WhenAny(first, slots[0].FirstStartSettled, stopRequested.Task).ConfigureAwait(false);
        var all = Task.WhenAll([first, .. slots.Skip(1).Select(slot => slot.RunAsync(stopping.Token))]);
        await Task.WhenAny(all, stopRequested.Task).ConfigureAwait(false);
        if (stopRequested.Task.IsCompleted && await Task.WhenAny(all, Task.Delay(stopTimeout, CancellationToken.None)).ConfigureAwait(false) != all)
        {
            slots.ForEach(slot => slot.Kill(stopTimeout));
        }

        var ends = await all.ConfigureAwait(false);
        var code = !stopRequested.Task.IsCompleted && ends.Contains(WorkerEnd.GaveUp) ? ExitCodes.WorkersFailed : ExitCodes.Ok;
        WorkersLog.Stopped(logger, node.Name, code);
        return code;
    }

    /// <summary>
    /// True when this process inherited SIGHUP ignored (nohup does that): .NET then installs no handler for it, so the
    /// registration above never fires. Read from the SigIgn mask of /proc/self/status (bit 0 is SIGHUP).
    /// </summary>
    private static bool HangUpIgnoredAtStart()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var ignored) && (ignored & 1) != 0;
    }
}
