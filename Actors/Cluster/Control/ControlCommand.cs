namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// One command of the catalogue: its name, how many replies its requester waits for, the role it goes to when
/// the requester names no target (null: every node), its arguments and what it does.
/// </summary>
public sealed record ControlCommand(string Name, ReplyMode Mode, string? DefaultRole, string Arguments, string Summary);
