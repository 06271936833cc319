namespace QueueActors.Host.Cli;

/// <summary>What the process's exit code means.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A command-line flag was wrong; usage was printed.</summary>
    public const int Usage = 1;

    /// <summary>
    /// The configuration cannot work, found before anything starts: the message names file, line and key (a bad value,
    /// a directory that cannot be written, a cluster secret missing or too short); or a one-shot command found no node data.
    /// </summary>
    public const int BadConfig = 2;

    /// <summary>The broker or database could not do it (none reachable, a login or database refused, a queue missing).</summary>
    public const int Unavailable = 3;

    /// <summary><c>ctl</c>: no node answered within the timeout (or fewer than were addressed); same value as <see cref="Unavailable"/>.</summary>
    public const int NoAnswer = 3;

    /// <summary><c>ctl</c>: a node answered that the command failed there, or no node serves it.</summary>
    public const int CommandFailed = 4;

    /// <summary><c>process-queue</c>: this executable has no handler for the queue (the stock <c>queueactors</c> has none).</summary>
    public const int NoHandler = 5;

    /// <summary>
    /// A node (<c>run</c>, <c>queueactors-seed</c>) that the Akka cluster downed (its Split Brain Resolver, or a
    /// <c>down</c>) or removed without the node asking to leave, or whose remoting TLS handshake a peer refused: it drained
    /// and stopped; a supervisor should start it again (after a TLS refusal, once the certificates are right: the log says whose).
    /// </summary>
    public const int Downed = 6;

    /// <summary>
    /// A node (<c>run</c>, or one worker process of <c>run --workers N</c>) passed its soft memory limit
    /// (<c>queueactors.node.soft-memory-limit</c>): it drained (unstarted deliveries handed back, in-flight ones finished)
    /// and stopped; start it again (the master of <c>--workers</c> does at once, systemd's <c>Restart=</c> does).
    /// </summary>
    public const int SoftMemoryLimit = 7;

    /// <summary>
    /// A node was past its soft memory limit already at its first check after start: starting it again would loop. The
    /// master of <c>--workers</c> counts it as a failed start.
    /// </summary>
    public const int OverMemoryLimitAtStart = 8;

    /// <summary>
    /// The master of <c>run --workers N</c>: its last worker stopped because it kept failing to start
    /// (<c>queueactors.node.worker-start-failures</c> within <c>worker-start-window</c>; the log says why).
    /// </summary>
    public const int WorkersFailed = 9;
}
