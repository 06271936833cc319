using RabbitMQ.Client.Exceptions;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>How many delayed messages (retries) wait in the delay buckets, for the status page.</summary>
public sealed partial class RabbitMqTransport
{
    /// <summary>
    /// The messages waiting in every delay bucket a delay from <paramref name="shortest"/> to <paramref name="longest"/>
    /// can use (<c>qa.delay.*</c>, shared by all queues: the count is a total, not per queue), asked with a passive
    /// declare of each on one server per broker cluster (no management plugin). A bucket that does not exist counts 0
    /// (its passive declare fails and costs a channel). Null when no server is up.
    /// </summary>
    public async Task<long?> CountDelayedAsync(TimeSpan shortest, TimeSpan longest, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var buckets = DelayBucket.Between(shortest, longest).ToArray();
        long? total = null;
        foreach (var cluster in _servers.Where(s => s.IsUp).GroupBy(s => s.ClusterKey))
        {
            var server = cluster.First();
            foreach (var bucket in buckets)
            {
                try
                {
                    var ok = await server.WithChannelAsync(c => c.QueueDeclarePassiveAsync(bucket.Name, cancellationToken), cancellationToken).ConfigureAwait(false);
                    total = (total ?? 0) + ok.MessageCount;
                }
                catch (OperationInterruptedException)
                {
                    total ??= 0; // no such bucket: nothing waits in it
                }
            }
        }

        return total;
    }
}
