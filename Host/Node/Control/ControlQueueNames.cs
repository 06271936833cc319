using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Messaging;

namespace QueueActors.Host.Node.Control;

/// <summary>The broker queue a queue command names, for its reply.</summary>
internal static class ControlQueueNames
{
    /// <summary>The broker queue of the shared queue, or of the site's (breakout or shared, as the topology routes it).</summary>
    /// <exception cref="ControlArgumentException">Not a valid queue or site name.</exception>
    public static string BrokerQueue(QueueTopology topology, string queue, string? site)
    {
        try
        {
            return site is null ? topology.SharedSpec(queue).BrokerQueue : topology.BrokerQueueFor(site, queue);
        }
        catch (ArgumentException invalid)
        {
            throw new ControlArgumentException(invalid.Message);
        }
    }
}
