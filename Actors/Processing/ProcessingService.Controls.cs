using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Supervision;
using Akka.Actor;

namespace QueueActors.Actors.Processing;

/// <summary>
/// The control channel's other commands on a worker's processing: <c>pause</c> and <c>resume</c> of one
/// queue, <c>restart</c> with settings read again, and <c>status</c>.
/// </summary>
public sealed partial class ProcessingService
{
    /// <summary>
    /// Pauses one queue on this node: its subscription stops, the events no handler started go back to the
    /// broker queue (not counted as attempts), the events in flight finish. Events published meanwhile wait
    /// on the broker queue. The pause lasts until <see cref="ResumeAsync"/>, across restarts of the queue's
    /// actors, site updates and <see cref="RestartAsync"/>. Returns whether that queue runs on this node.
    /// </summary>
    /// <param name="queue">The logical queue.</param>
    /// <param name="site">The site of a breakout queue (<c>qa.&lt;site&gt;.&lt;queue&gt;</c>); null: the shared queue (<c>qa.&lt;queue&gt;</c>).</param>
    /// <exception cref="ArgumentException">Not a valid queue or site name.</exception>
    public Task<bool> PauseAsync(string queue, string? site = null, CancellationToken cancellationToken = default) =>
        SetPausedAsync(queue, site, paused: true, cancellationToken);

    /// <summary>Resumes a queue paused by <see cref="PauseAsync"/>: it subscribes again. Returns whether that queue runs on this node.</summary>
    /// <exception cref="ArgumentException">Not a valid queue or site name.</exception>
    public Task<bool> ResumeAsync(string queue, string? site = null, CancellationToken cancellationToken = default) =>
        SetPausedAsync(queue, site, paused: false, cancellationToken);

    /// <summary>
    /// Drains everything (as <see cref="StopAsync"/> does) and starts again with <paramref name="settings"/>
    /// (the node's configuration read again), with the same filter, the applied sites and the pauses. The
    /// counts of <see cref="GetStatus"/> start again from zero. Returns whether the drain finished in time.
    /// </summary>
    /// <exception cref="InvalidOperationException">Processing was never started, or was stopped.</exception>
    public async Task<bool> RestartAsync(ProcessingSettings settings, TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_system is not { } system || _stopped)
            {
                throw new InvalidOperationException("Processing is not running: only a started service restarts.");
            }

            var (drained, stopped) = await StopAllAsync(drainTimeout, cancellationToken).ConfigureAwait(false);
            RuntimeLog.Restarting(_logger, drained);
            if (!stopped)
            {
                throw new InvalidOperationException("Processing did not stop in time, so it cannot start again now; try the restart again.");
            }

            _context = CreateContext(settings);
            await StartPlanAsync(system, Plan(), cancellationToken).ConfigureAwait(false);
            RuntimeLog.Restarted(_logger, _plan.Length);
            return drained;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>The queues running here with their state and counts, and the totals. Cheap: reads counters, asks no actor.</summary>
    public ProcessingStatus GetStatus()
    {
        var plan = Volatile.Read(ref _plan);
        var queues = plan.Select(q => new QueueProcessingStatus(
            q.Queue,
            q.Site,
            q.Spec.BrokerQueue,
            _paused.Contains(q.Key),
            q.Counters.CircuitOpen,
            q.Settings.Concurrency,
            q.Counters.InFlight,
            q.Counters.Handled,
            q.Counters.Failed,
            q.Counters.DeadLettered) { Quiet = _quiet.Contains(q.Key), RateLimit = q.Settings.RateLimit?.ToString() }).Concat(PartitionRows()).ToArray();
        return new ProcessingStatus(Volatile.Read(ref _sites) is not null, queues) { Quiet = _quiet.Node };
    }

    private Task<bool> SetPausedAsync(string queue, string? site, bool paused, CancellationToken cancellationToken) =>
        SetHoldAsync(queue, site, key => _paused.Set(key, paused), cancellationToken);

    /// <summary>Changes a hold of one queue (<paramref name="set"/>, under the control lock) and has its supervisor follow it.</summary>
    private async Task<bool> SetHoldAsync(string queue, string? site, Action<string> set, CancellationToken cancellationToken)
    {
        QueueNames.ValidateQueue(queue);
        if (site is not null)
        {
            QueueNames.ValidateSite(site);
        }

        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var key = QueueRuntime.KeyOf(queue, site);
            if (site is null && _partitionedQueues.Contains(queue))
            {
                set(key); // the partitions consumed here follow it, and those that start here later
                await ApplyToPartitionsAsync(queue, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (!_plan.Any(q => q.Key == key) || !_context.QueueSupervisors.TryGetValue(key, out var supervisor))
            {
                return false;
            }

            set(key);
            await supervisor.Ask<PauseApplied>(ApplyPause.Instance, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _control.Release();
        }
    }
}
