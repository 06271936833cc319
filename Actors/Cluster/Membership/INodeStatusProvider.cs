namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// Supplies the node's status for its heartbeats. The node implements it to report its sites, queues and
/// in-flight events; <see cref="ProcessNodeStatusProvider"/> is the default (no sites or queues, the process's
/// memory, uptime and version). Called on the membership actor's turn once per heartbeat interval: keep it quick.
/// </summary>
public interface INodeStatusProvider
{
    NodeStatus GetStatus();
}
