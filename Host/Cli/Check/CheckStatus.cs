namespace QueueActors.Host.Cli.Check;

/// <summary>A Nagios plugin's states; the value is the exit code.</summary>
public enum CheckStatus
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}
