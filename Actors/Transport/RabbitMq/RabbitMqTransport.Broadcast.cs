using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// Fan-out channels: a channel is a durable fanout exchange of the same name. A subscriber binds an exclusive,
/// auto-delete, server-named queue to it on every server that is up (again after each reconnect); a
/// broadcast goes, confirmed, to one server of every broker cluster that is up (servers of one cluster share
/// the exchange), so a subscriber on several independent brokers gets each message from each of them.
/// </summary>
public sealed partial class RabbitMqTransport
{
    private readonly ConcurrentDictionary<RabbitMqBroadcastSubscription, byte> _broadcasts = new();

    /// <inheritdoc />
    public async ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        BroadcastChannel.Validate(channel);
        ThrowIfDisposed();
        var clusters = _servers.Where(s => s.IsUp).GroupBy(s => s.ClusterKey).ToArray();
        if (clusters.Length == 0)
        {
            throw new TransportException($"Cannot broadcast on channel {channel}: no server is up ({ServerList}).");
        }

        var failures = await Task.WhenAll(clusters.Select(c => BroadcastToClusterAsync(c.ToArray(), channel, message, cancellationToken))).ConfigureAwait(false);
        if (failures.All(f => f is not null))
        {
            throw new TransportException($"Cannot broadcast on channel {channel}: no server confirmed it (last failure: {Describe(failures[^1]!, channel)}).", failures[^1]);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default)
    {
        BroadcastChannel.Validate(channel);
        ArgumentNullException.ThrowIfNull(onMessage);
        ThrowIfDisposed();
        var subscription = new RabbitMqBroadcastSubscription(channel, onMessage, _options, _time, _logger, s => _broadcasts.TryRemove(s, out _));
        _broadcasts.TryAdd(subscription, 0);
        await Task.WhenAll(_servers.Where(s => s.IsUp).Select(s => subscription.AttachOrRetryAsync(s, cancellationToken))).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>Publishes on one server of the cluster, the next if it fails; returns the last failure, or null once one confirmed.</summary>
    private async Task<Exception?> BroadcastToClusterAsync(RabbitMqServer[] cluster, string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var start = Random.Shared.Next(cluster.Length);
        for (var i = 0; i < cluster.Length; i++)
        {
            var server = cluster[(start + i) % cluster.Length];
            using var timeout = new CancellationTokenSource(_options.PublishTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await DeclareExchangeAsync(server, channel, linked.Token).ConfigureAwait(false);
                var publisher = await server.GetPublishChannelAsync(linked.Token).ConfigureAwait(false);
                // Not mandatory: a channel nobody listens to drops the message, as intended.
                await publisher.BasicPublishAsync(channel, string.Empty, mandatory: false, new BasicProperties { DeliveryMode = DeliveryModes.Transient }, message, linked.Token).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ex;
                BroadcastLog.PublishFailedOnServer(_logger, channel, server.Name, Describe(ex, channel));
            }
        }

        return last;
    }

    /// <summary>Declares the channel's exchange once per connection of the server.</summary>
    internal static async Task DeclareExchangeAsync(RabbitMqServer server, string channel, CancellationToken cancellationToken)
    {
        var declared = server.Exchanges.GetOrAdd(channel, name => new Lazy<Task>(() =>
            server.WithChannelAsync(c => RabbitMqTopology.DeclareChannelAsync(c, name, CancellationToken.None), CancellationToken.None)));
        try
        {
            await declared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (declared.Value.IsFaulted)
        {
            server.Exchanges.TryRemove(new KeyValuePair<string, Lazy<Task>>(channel, declared));
            throw;
        }
    }
}
