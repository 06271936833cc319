namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// Supplies the node's status for <c>status</c> and <c>cluster show</c>. The node implements it to report its sites,
/// queues and in-flight events; <see cref="ProcessNodeStatusProvider"/> is the default (no sites or queues, the
/// process's memory, uptime and version). Called on the control actor's turn whenever a node asks: keep it quick.
/// </summary>
public interface INodeStatusProvider
{
    NodeStatus GetStatus();
}
