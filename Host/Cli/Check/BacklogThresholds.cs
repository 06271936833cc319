namespace QueueActors.Host.Cli.Check;

/// <summary>Time to clear a backlog past which a queue is WARNING or CRITICAL.</summary>
public sealed record BacklogThresholds(TimeSpan Warning, TimeSpan Critical)
{
    public CheckStatus Judge(TimeSpan value) => value > Critical ? CheckStatus.Critical : value > Warning ? CheckStatus.Warning : CheckStatus.Ok;
}
