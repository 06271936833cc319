namespace QueueActors.Actors.Cluster.Membership;

/// <summary>A verified leave message, handed from the control actor to the membership actor.</summary>
internal sealed record MemberLeft(string Node);
