using Akka.Actor;
using QueueActors.Actors.Processing.Supervision;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Quiet mode (Sidekiq's quiet, TSTP): the node, or one of its queues, stops taking new deliveries, hands back those
/// no handler started and finishes the ones in flight, while the node stays up and answers the control channel; resume
/// undoes it. It is a hold of its own beside a pause (a queue takes deliveries only while neither holds it) and the
/// state of this process only: it lasts across restarts of the queue actors, site updates and
/// <see cref="RestartAsync"/>, but a node started again is not quiet.
/// </summary>
public sealed partial class ProcessingService
{
    /// <summary>The whole node is quiet.</summary>
    public bool IsQuiet => _quiet.Node;

    /// <summary>
    /// Quiets the whole node: every queue it runs, and every queue it starts while quiet (a site applied meanwhile),
    /// takes no deliveries. Returns once every queue follows (work in flight may still be finishing; <see cref="GetStatus"/>
    /// shows it). Returns the number of broker queues running here.
    /// </summary>
    public Task<int> QuietNodeAsync(CancellationToken cancellationToken = default) => SetNodeQuietAsync(quiet: true, cancellationToken);

    /// <summary>Ends quiet mode on this node, that of the whole node and of single queues: they take deliveries again, unless paused. Returns the number of broker queues running here.</summary>
    public Task<int> ResumeNodeAsync(CancellationToken cancellationToken = default) => SetNodeQuietAsync(quiet: false, cancellationToken);

    /// <summary>Quiets one queue on this node, as <see cref="QuietNodeAsync"/> does them all. Returns whether that queue runs on this node.</summary>
    /// <param name="queue">The logical queue.</param>
    /// <param name="site">The site of a breakout queue; null: the shared queue.</param>
    /// <exception cref="ArgumentException">Not a valid queue or site name.</exception>
    public Task<bool> QuietQueueAsync(string queue, string? site = null, CancellationToken cancellationToken = default) =>
        SetHoldAsync(queue, site, key => _quiet.Set(key, quiet: true), cancellationToken);

    /// <summary>
    /// Ends the quiet mode of one queue quieted by <see cref="QuietQueueAsync"/> (it stays quiet while the whole node is,
    /// and paused while paused). Returns whether that queue runs on this node.
    /// </summary>
    /// <exception cref="ArgumentException">Not a valid queue or site name.</exception>
    public Task<bool> UnquietQueueAsync(string queue, string? site = null, CancellationToken cancellationToken = default) =>
        SetHoldAsync(queue, site, key => _quiet.Set(key, quiet: false), cancellationToken);

    private async Task<int> SetNodeQuietAsync(bool quiet, CancellationToken cancellationToken)
    {
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _quiet.SetNode(quiet);
            var plan = _plan;
            var supervisors = plan.Select(q => _context.QueueSupervisors.GetValueOrDefault(q.Key)).OfType<IActorRef>();
            await Task.WhenAll(supervisors.Select(s => s.Ask<PauseApplied>(ApplyPause.Instance, cancellationToken))).ConfigureAwait(false);
            await ApplyToPartitionsAsync(queue: null, cancellationToken).ConfigureAwait(false);
            if (quiet)
            {
                RuntimeLog.NodeQuiet(_logger, plan.Length);
            }
            else
            {
                RuntimeLog.NodeResumed(_logger, plan.Length);
            }

            return plan.Length;
        }
        finally
        {
            _control.Release();
        }
    }
}
