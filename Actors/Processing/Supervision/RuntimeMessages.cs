namespace QueueActors.Actors.Processing.Supervision;

/// <summary>To <see cref="SitesSupervisor"/>: start the site's supervisor; the sender gets <see cref="QueuesStarted"/> (or a failure).</summary>
internal sealed record StartSite(string Site, IReadOnlyList<QueueRuntime> Queues);

/// <summary>To <see cref="SitesSupervisor"/>: stop the site's supervisor (drained before); the sender gets <see cref="SiteStopped"/>.</summary>
internal sealed record StopSite(string Site);

/// <summary>The site's supervisor and its queue supervisors have stopped (or there was none).</summary>
internal sealed record SiteStopped
{
    public static SiteStopped Instance { get; } = new();
}

/// <summary>To a <see cref="QueueParent"/>: reply <see cref="QueuesStarted"/> (it does after its PreStart).</summary>
internal sealed record ReportStarted
{
    public static ReportStarted Instance { get; } = new();
}

/// <summary>A site or shared supervisor has started its queue supervisors.</summary>
internal sealed record QueuesStarted
{
    public static QueuesStarted Instance { get; } = new();
}

/// <summary>
/// To a queue supervisor: follow <see cref="ProcessingContext.Holds"/> (a pause or quiet mode, set before): held,
/// it stops its subscription, hands back what no handler started, lets the work in flight finish and then
/// releases the subscription; resumed, it subscribes again. Replies <see cref="PauseApplied"/>.
/// </summary>
internal sealed record ApplyPause
{
    public static ApplyPause Instance { get; } = new();
}

/// <summary>The queue supervisor follows its pause state (in-flight work may still be finishing).</summary>
internal sealed record PauseApplied
{
    public static PauseApplied Instance { get; } = new();
}
