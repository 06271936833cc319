namespace QueueActors.Host.Cli;

/// <summary>What the process's exit code means.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A command-line flag was wrong; usage was printed.</summary>
    public const int Usage = 1;

    /// <summary>The configuration could not be read; the message names file, line and key.</summary>
    public const int BadConfig = 2;

    /// <summary>The broker could not do it (no broker configured, none reachable, a queue missing).</summary>
    public const int Unavailable = 3;

    /// <summary><c>ctl</c>: no node answered within the timeout (or fewer than were addressed); same value as <see cref="Unavailable"/>.</summary>
    public const int NoAnswer = 3;

    /// <summary><c>ctl</c>: a node answered that the command failed there, or no node serves it.</summary>
    public const int CommandFailed = 4;

    /// <summary><c>process-queue</c>: this executable has no handler for the queue (the stock <c>queueactors</c> has none).</summary>
    public const int NoHandler = 5;
}
