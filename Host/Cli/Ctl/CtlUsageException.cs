namespace QueueActors.Host.Cli.Ctl;

/// <summary>A <c>ctl</c> command line that parses but makes no sense (e.g. both an id and --all); exit code 1.</summary>
public sealed class CtlUsageException : Exception
{
    public CtlUsageException()
    {
    }

    public CtlUsageException(string message)
        : base(message)
    {
    }

    public CtlUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
