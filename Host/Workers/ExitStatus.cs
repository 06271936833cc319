using QueueActors.Host.Cli;

namespace QueueActors.Host.Workers;

/// <summary>
/// A worker process's end in words. On Linux and macOS .NET reports a child killed by a signal as exit code
/// 128 + the signal's number (a shell's convention: SIGKILL is 137, Environment.FailFast's SIGABRT 134); our exit codes
/// (<see cref="ExitCodes"/>) are all below 128, so a code past 128 is read as a signal.
/// </summary>
public static class ExitStatus
{
    private const int SignalBase = 128;

    /// <summary>The signal that killed the process, or null when it exited with a code.</summary>
    public static int? SignalOf(int exitCode) => exitCode is > SignalBase and <= SignalBase + 64 ? exitCode - SignalBase : null;

    /// <summary>E.g. "was killed by signal SIGKILL (9)" or "exited with code 3 (broker or database unavailable)".</summary>
    public static string Describe(int exitCode) =>
        SignalOf(exitCode) is { } signal
            ? $"was killed by signal {SignalName(signal)} ({signal})"
            : $"exited with code {exitCode} ({Meaning(exitCode)})";

    /// <summary>SIGKILL, SIGSEGV, SIGABRT…; "signal N" for one without a common name.</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };

    /// <summary>What an exit code of <see cref="ExitCodes"/> means.</summary>
    public static string Meaning(int exitCode) => exitCode switch
    {
        ExitCodes.Ok => "stopped",
        ExitCodes.Usage => "bad command line",
        ExitCodes.BadConfig => "bad configuration",
        ExitCodes.Unavailable => "broker or database unavailable",
        ExitCodes.CommandFailed => "command failed",
        ExitCodes.NoHandler => "no handler",
        ExitCodes.Downed => "downed by the cluster",
        ExitCodes.SoftMemoryLimit => "stopped at its soft memory limit",
        ExitCodes.OverMemoryLimitAtStart => "over its memory limit at start",
        _ => "unexpected: a crash",
    };
}
