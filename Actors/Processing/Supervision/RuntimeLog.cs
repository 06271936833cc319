using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>The runtime controls of processing: sites, pause and resume, restart (EventIds 6500-6599).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information, Message = "Queue {Queue} ({Scope}) {Hold}: takes no deliveries; {InFlight} in flight, {Returned} not started handed back")]
    public static partial void QueueHeld(ILogger logger, string queue, string scope, string hold, int inFlight, int returned);

    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "Queue {Queue} ({Scope}) resumed")]
    public static partial void QueueResumed(ILogger logger, string queue, string scope);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Information, Message = "Queue {Queue} ({Scope}) started {Hold}: broker queue {BrokerQueue} is not consumed until resumed")]
    public static partial void StartedHeld(ILogger logger, string queue, string scope, string hold, string brokerQueue);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Information, Message = "Site {Site} applied: breakout queues [{Breakout}], enabled {Enabled}; runs here: [{Running}]")]
    public static partial void SiteApplied(ILogger logger, string site, string breakout, bool enabled, string running);

    // Debug: a node with thousands of configured sites would otherwise log one line for each at every start.
    [LoggerMessage(EventId = 6508, Level = LogLevel.Debug, Message = "Site {Site} applied: nothing changed here; runs here: [{Running}]")]
    public static partial void SiteUnchanged(ILogger logger, string site, string running);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Information, Message = "Site {Site} removed: its runtime breakout rules are gone; runs here: [{Running}]")]
    public static partial void SiteRemoved(ILogger logger, string site, string running);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Warning, Message = "Site {Site}: its queues did not drain within {Timeout}; the events still in flight are left to the broker")]
    public static partial void SiteDrainTimedOut(ILogger logger, string site, TimeSpan timeout);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Information, Message = "Processing restarting with new settings (drained in time: {Drained})")]
    public static partial void Restarting(ILogger logger, bool drained);

    [LoggerMessage(EventId = 6508, Level = LogLevel.Information, Message = "Node quiet: takes no new deliveries on its {Queues} queues and finishes those in flight, until node resume")]
    public static partial void NodeQuiet(ILogger logger, int queues);

    [LoggerMessage(EventId = 6509, Level = LogLevel.Information, Message = "Node resumed from quiet: its {Queues} queues take deliveries again (paused ones stay paused)")]
    public static partial void NodeResumed(ILogger logger, int queues);

    [LoggerMessage(EventId = 6507, Level = LogLevel.Information, Message = "Processing restarted: {Queues} broker queues")]
    public static partial void Restarted(ILogger logger, int queues);
}
