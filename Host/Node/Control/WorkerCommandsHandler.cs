using System.Globalization;
using System.Text;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Stats;
using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Transport;

namespace QueueActors.Host.Node.Control;

/// <summary>
/// What every node does on the control channel: <c>site update</c> (reload a site from the registry) and the
/// queue commands (<c>queue list|pause|resume|purge</c>). A node that does not run the queue of a pause or resume
/// answers "not served", so only the nodes that do are counted as having done it.
/// </summary>
public sealed class WorkerCommandsHandler(NodeRuntime runtime, SiteUpdates sites, ITransport transport, QueueTopology topology, IScheduledEvents scheduled) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } =
        [ControlCommands.SiteUpdate, ControlCommands.QueueList, ControlCommands.QueuePause, ControlCommands.QueueResume, ControlCommands.QueuePurge];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Command)
        {
            case ControlCommands.SiteUpdate:
                var site = request.RequiredArgument(ControlArguments.Site);
                var definition = await sites.FetchAsync(site, cancellationToken).ConfigureAwait(false);
                return ControlReply.Ok(await sites.ApplyAsync(site, definition, cancellationToken).ConfigureAwait(false));
            case ControlCommands.QueueList:
                return await ListAsync(request.Argument(ControlArguments.Site), cancellationToken).ConfigureAwait(false);
            case ControlCommands.QueuePause or ControlCommands.QueueResume:
                return await PauseOrResumeAsync(request, cancellationToken).ConfigureAwait(false);
            default:
                return await PurgeAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ControlReply> ListAsync(string? site, CancellationToken cancellationToken)
    {
        var processing = runtime.Processing;
        var stats = processing is null ? [] : await new QueueStatsCollector(processing, transport).CollectAsync(cancellationToken).ConfigureAwait(false);
        var held = (await scheduled.SummarizeAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.BrokerQueue, StringComparer.Ordinal);
        var queues = (processing?.GetStatus().Queues ?? [])
            .Where(q => site is null || q.Site == site)
            .Select(q => q with { Stats = WithScheduled(stats.FirstOrDefault(s => s.BrokerQueue == q.BrokerQueue), held.GetValueOrDefault(q.BrokerQueue)) })
            .ToArray();
        var text = new StringBuilder($"{queues.Length} queue(s)");
        if (queues.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{"BROKER QUEUE",-36} {"STATE",-8} {"HANDLERS",8} {"IN FLIGHT",9} {"HANDLED",9} {"FAILED",8} {"DEAD",6} {"DEPTH",7} {"AVG MS",8} {"LIMIT",8} {"RETRIES",7} {"SCHED",6} {"NEXT DUE (UTC)",-19}");
        }

        foreach (var q in queues)
        {
            var state = q.Paused && q.Quiet ? "paused+quiet" : q.Paused ? "paused" : q.Quiet ? "quiet" : q.CircuitOpen ? "circuit" : "running";
            var depth = q.Stats?.Depth?.ToString(CultureInfo.InvariantCulture) ?? "?";
            var average = q.Stats?.RecentAverageConsumeMs?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-";
            var retries = q.Stats?.RetriesWaiting?.ToString(CultureInfo.InvariantCulture) ?? "-"; // RabbitMQ: not per queue
            var next = q.Stats?.NextScheduledAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
            text.Append(CultureInfo.InvariantCulture, $"\n{q.BrokerQueue,-36} {state,-8} {q.Concurrency,8} {q.InFlight,9} {q.Handled,9} {q.Failed,8} {q.DeadLettered,6} {depth,7} {average,8} {q.RateLimit ?? "-",8} {retries,7} {q.Stats?.Scheduled ?? 0,6} {next,-19}");
        }

        return ControlReply.Ok(text.ToString(), queues);
    }

    /// <summary>The queue's stats with the events held for it in the scheduling database (0 when none).</summary>
    private static QueueStats? WithScheduled(QueueStats? stats, ScheduledQueueSummary? held) =>
        stats is null ? null : stats with { Scheduled = held?.Count ?? 0, NextScheduledAt = held?.NextDueAt };

    private async Task<ControlReply> PauseOrResumeAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var queue = request.RequiredArgument(ControlArguments.Queue);
        var site = request.Argument(ControlArguments.Site);
        var name = ControlQueueNames.BrokerQueue(topology, queue, site);
        var pause = request.Command == ControlCommands.QueuePause;
        var runs = runtime.Processing is { } processing
            && (pause
                ? await processing.PauseAsync(queue, site, cancellationToken).ConfigureAwait(false)
                : await processing.ResumeAsync(queue, site, cancellationToken).ConfigureAwait(false));

        // "Not served" rather than a success: a ctl whose every answer says so tells that no node runs the queue (exit 4).
        var did = pause ? "paused" : "resumed";
        return runs
            ? ControlReply.Ok($"{name} {did}", new { Queue = name, Runs = true, State = did })
            : throw new ControlNotServedException($"{name} does not run on node {request.Node}");
    }

    private async Task<ControlReply> PurgeAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var name = ControlQueueNames.BrokerQueue(topology, request.RequiredArgument(ControlArguments.Queue), request.Argument(ControlArguments.Site));
        var purged = await transport.PurgeAsync(name, cancellationToken).ConfigureAwait(false);
        return ControlReply.Ok($"{purged} waiting event(s) dropped from {name}", new { Queue = name, Purged = purged });
    }
}
