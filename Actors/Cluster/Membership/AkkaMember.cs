namespace QueueActors.Actors.Cluster.Membership;

/// <summary>One member of the Akka cluster as this node sees it.</summary>
/// <param name="Address">Its Akka address (<c>akka.tcp://queueactors@host:port</c>).</param>
/// <param name="State">up, joining, weakly-up, leaving, exiting, down, removed, or unreachable (an up member the failure detector lost).</param>
/// <param name="Roles">Its Akka roles (the node's roles).</param>
public sealed record AkkaMember(string Address, string State, IReadOnlyList<string> Roles)
{
    public const string Up = "up";

    public const string Joining = "joining";

    public const string WeaklyUp = "weakly-up";

    public const string Unreachable = "unreachable";

    public const string Down = "down";

    public const string Removed = "removed";
}
