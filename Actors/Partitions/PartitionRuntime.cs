using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Handlers;
using QueueActors.Actors.Processing.Supervision;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Partitions;

/// <summary>One partition of a partitioned queue as its consumer runs it.</summary>
/// <param name="Partition">From 0 to the queue's partition count − 1.</param>
/// <param name="Here">Where the consumer says it runs here, and stopped.</param>
internal sealed record PartitionRuntime(string Queue, int Partition, QueueSpec Spec, QueueSettings Settings, HandlerInvoker Invoker, ProcessingContext Context, PartitionsHere Here)
{
    /// <summary>The Akka.Cluster.Sharding daemon process that runs the queue's partitions: <c>partitions-&lt;queue&gt;</c>.</summary>
    public static string DaemonName(string queue) => "partitions-" + queue;
}
