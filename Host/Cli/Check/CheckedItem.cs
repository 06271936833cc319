namespace QueueActors.Host.Cli.Check;

/// <summary>One thing a check looked at (a queue, a node), its state and why.</summary>
public sealed record CheckedItem(string Name, CheckStatus Status, string Detail);
