using Akka.Actor;
using Akka.Cluster.Sharding;
using QueueActors.Actors.Partitions;
using QueueActors.Actors.Processing.Supervision;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Partitioned queues: not run by queue supervisors, but by one <see cref="PartitionConsumer"/> per partition in the
/// whole cluster, an Akka.Cluster.Sharding daemon process per queue (<c>partitions-&lt;queue&gt;</c>) that every node
/// handling the queue joins. Sharding places the partitions on these nodes (least-shard allocation: an even spread),
/// restarts those of a node that is gone on the others, and moves some to a node that joins (rebalance). Started once
/// per actor system: a restart of processing leaves them running (their consumers read the current settings when
/// they start).
/// </summary>
public sealed partial class ProcessingService
{
    private readonly HashSet<string> _partitionedQueues = new(StringComparer.Ordinal);
    private readonly PartitionsHere _partitionsHere = new();

    /// <summary>The partitioned queues this node takes part in.</summary>
    public IReadOnlyCollection<string> PartitionedQueues => [.. _partitionedQueues];

    /// <summary>
    /// Declares the partitions' broker queues (so that events published before their consumers are up wait there, and
    /// publishers do not race the consumers' first declaration) and joins the daemon process of each partitioned queue
    /// this node handles.
    /// </summary>
    /// <exception cref="InvalidOperationException">The actor system is not a cluster member (partitions need Akka.Cluster).</exception>
    private async Task StartPartitionsAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        if (_filter?.Site is not null)
        {
            return; // a site's own processing: partitions are not per site
        }

        foreach (var queue in QueuesHere().Where(_topology.IsPartitioned))
        {
            if (system is not ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
            {
                throw new InvalidOperationException($"Queue {queue} is partitioned: its partitions are spread over a cluster, so the actor system must be a cluster member (akka.actor.provider = cluster).");
            }

            if (!_partitionedQueues.Contains(queue))
            {
                var count = _topology.PartitionsOf(queue);
                await DeclareAsync(Enumerable.Range(0, count).Select(partition => _topology.PartitionSpec(queue, partition)), cancellationToken).ConfigureAwait(false);
                _ = ClusterSharding.Get(system); // loads sharding's default config, which the daemon's settings read
                ShardedDaemonProcess.Get(system).Init(PartitionRuntime.DaemonName(queue), count, partition => PartitionConsumer.Props(PartitionOf(queue, partition)), ShardedDaemonProcessSettings.Create(system), StopPartition.Instance);
                _partitionedQueues.Add(queue);
            }
        }
    }

    /// <summary>Partition <paramref name="partition"/> with the settings processing runs with now.</summary>
    private PartitionRuntime PartitionOf(string queue, int partition)
    {
        var context = _context;
        return new PartitionRuntime(queue, partition, _topology.PartitionSpec(queue, partition), context.Settings.ForQueue(queue), _handlers[queue].Invoker, context, _partitionsHere);
    }

    /// <summary>A status row per partition consumed here (its concurrency is 1: one event at a time; the circuit is its queue's here).</summary>
    private IEnumerable<QueueProcessingStatus> PartitionRows() => _partitionsHere.All.Select(p =>
    {
        var counters = p.Context.Counters.For(p.Spec.BrokerQueue);
        var key = QueueRuntime.KeyOf(p.Queue, site: null);
        return new QueueProcessingStatus(p.Queue, null, p.Spec.BrokerQueue, _paused.Contains(key), _partitionsHere.CircuitOpen(p), 1, counters.InFlight, counters.Handled, counters.Failed, counters.DeadLettered)
        {
            Quiet = _quiet.Contains(key),
            RateLimit = p.Settings.RateLimit?.ToString(),
        };
    });

    /// <summary>Has the partition consumers here (of <paramref name="queue"/>, or all) follow a pause or quiet mode.</summary>
    private Task ApplyToPartitionsAsync(string? queue, CancellationToken cancellationToken) =>
        Task.WhenAll(_partitionsHere.Consumers(queue).Select(c => c.Ask<PauseApplied>(ApplyPause.Instance, cancellationToken)));

    /// <summary>
    /// This node stops: its partitions go to the other nodes now, while the transport is still up (each consumer
    /// finishes its event first). Sharding's own shutdown (CoordinatedShutdown) would do it too, but later.
    /// </summary>
    private async Task<bool> HandOffPartitionsAsync(TimeSpan timeout)
    {
        if (_system is not { } system || _partitionedQueues.Count == 0)
        {
            return true;
        }

        var cluster = Akka.Cluster.Cluster.Get(system);
        if (!cluster.State.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && m.Address != cluster.SelfAddress))
        {
            // No other node to take them: a region's graceful shutdown would wait its whole timeout for a home for the
            // keep-alive pings. The consumers stop with the actor system; the broker takes back their unacked events.
            _partitionedQueues.Clear();
            return true;
        }

        var sharding = ClusterSharding.Get(system);
        var stops = _partitionedQueues.Select(queue => sharding.ShardRegion("sharded-daemon-process-" + PartitionRuntime.DaemonName(queue)))
            .Select(async region =>
            {
                try
                {
                    return await region.GracefulStop(timeout, GracefulShutdown.Instance).ConfigureAwait(false);
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            });
        var stopped = await Task.WhenAll(stops).ConfigureAwait(false);
        _partitionedQueues.Clear();
        return stopped.All(s => s);
    }
}
