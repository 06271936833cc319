using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Workers;

internal static partial class WorkersLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Master of {Node}: starting {Workers} worker processes")]
    public static partial void Starting(ILogger logger, string node, int workers);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Worker {Worker} started (pid {Pid})")]
    public static partial void Started(ILogger logger, string worker, int pid);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Worker {Worker} (pid {Pid}) is up")]
    public static partial void Up(ILogger logger, string worker, int pid);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Worker {Worker} (pid {Pid}) {Status} {Uptime}; {Reason}: starting it again in {Delay}")]
    public static partial void Respawning(ILogger logger, string worker, int pid, string status, string uptime, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Error, Message = "Worker {Worker} (pid {Pid}) {Status}; not started again: {Reason}")]
    public static partial void GaveUp(ILogger logger, string worker, int pid, string status, string reason);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Master of {Node}: {Signal}: stopping every worker gracefully (SIGTERM, then SIGKILL after {Timeout})")]
    public static partial void Stopping(ILogger logger, string node, string signal, TimeSpan timeout);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Warning, Message = "Worker {Worker} (pid {Pid}) still ran after {Timeout}: killed")]
    public static partial void Killed(ILogger logger, string worker, int pid, TimeSpan timeout);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Information, Message = "Master of {Node}: SIGHUP: restarting the workers one at a time")]
    public static partial void RollingRestart(ILogger logger, string node);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Information, Message = "Master of {Node}: every worker stopped; exit code {Code}")]
    public static partial void Stopped(ILogger logger, string node, int code);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "Worker {Worker} (pid {Pid}) {Status} for the rolling restart: starting it again")]
    public static partial void Restarting(ILogger logger, string worker, int pid, string status);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Error, Message = "Worker {Worker} could not be started: {Reason}")]
    public static partial void StartFailed(ILogger logger, string worker, string reason);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning, Message = "Master of {Node}: this process was started with SIGHUP ignored (e.g. under nohup) and .NET keeps it so: SIGHUP will not restart the workers; use `ctl node restart`, or start it without nohup")]
    public static partial void HangUpIgnored(ILogger logger, string node);
}
