using Akka.Actor;
using Akka.Coordination;
using QueueActors.Actors.Transport.RabbitMq;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// A lease on RabbitMQ: the exclusive queue <c>qa.lease.&lt;lease name&gt;</c>, declared on a connection of its
/// own that stays open while the lease is held. Only one connection can own an exclusive queue: another
/// connection's declare is refused with RESOURCE_LOCKED (405), which is "not acquired". The broker deletes
/// the queue when its connection closes: at once when the holder's process dies (its socket closes), within
/// about <c>heartbeat-timeout</c> when its machine or network goes silent (the connection's AMQP heartbeat).
/// Its config block (<see cref="TransportLeaseHocon.RabbitMqPath"/>) carries <c>broker-uri</c>: one
/// <c>amqp://</c> or <c>amqps://</c> URI (password never logged). One broker, or one broker cluster, must
/// serve every node's lease: independent brokers would each grant it.
/// </summary>
public sealed class RabbitMqExclusiveQueueLease : HeldWhileOpenLease
{
    /// <summary>The key of the lease's config block that holds the broker URI.</summary>
    public const string BrokerUriKey = "broker-uri";

    private const int ResourceLocked = 405;

    private readonly ConnectionFactory _factory;

    /// <summary>Made by Akka's <see cref="LeaseProvider"/> from the config block named by its config path.</summary>
    public RabbitMqExclusiveQueueLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings, system)
    {
        var text = settings.LeaseConfig.GetString(BrokerUriKey, null);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new ArgumentException($"Lease {settings.LeaseName}: {BrokerUriKey} of its config block is not an amqp:// or amqps:// URI.", nameof(settings));
        }

        QueueName = QueueNameOf(settings.LeaseName);
        Resource = $"RabbitMQ {MaskedUri.Of(uri)} queue {QueueName}";
        var timeouts = settings.TimeoutSettings;
        _factory = new ConnectionFactory
        {
            Uri = uri,
            // A recovered connection would declare the queue again behind the lease's back.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = $"qa-lease {settings.LeaseName} {settings.OwnerName}",
            RequestedConnectionTimeout = timeouts.OperationTimeout,
            ContinuationTimeout = timeouts.OperationTimeout,
            HandshakeContinuationTimeout = timeouts.OperationTimeout,
            RequestedHeartbeat = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(timeouts.HeartbeatTimeout.TotalSeconds))),
        };
    }

    /// <summary>The exclusive queue that is the lease.</summary>
    public string QueueName { get; }

    /// <inheritdoc />
    protected override string Resource { get; }

    /// <summary>The exclusive queue of the lease <paramref name="leaseName"/>.</summary>
    public static string QueueNameOf(string leaseName) => "qa.lease." + leaseName;

    private protected override async Task<LeaseHold?> TryTakeAsync(CancellationToken cancellationToken)
    {
        var connection = await _factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var hold = new RabbitMqHold(connection, channel, QueueName);
            await channel.QueueDeclareAsync(QueueName, durable: false, exclusive: true, autoDelete: false, arguments: null, cancellationToken: cancellationToken).ConfigureAwait(false);
            return hold;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == ResourceLocked)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class RabbitMqHold : LeaseHold
    {
        private readonly IConnection _connection;
        private readonly IChannel _channel;
        private readonly string _queue;

        public RabbitMqHold(IConnection connection, IChannel channel, string queue)
        {
            _connection = connection;
            _channel = channel;
            _queue = queue;
            _connection.ConnectionShutdownAsync += (_, _) =>
            {
                MarkClosed();
                return Task.CompletedTask;
            };
            _channel.ChannelShutdownAsync += (_, _) =>
            {
                MarkClosed();
                return Task.CompletedTask;
            };
        }

        public override bool IsOpen => _connection.IsOpen && _channel.IsOpen;

        /// <summary>Fails (and closes the channel) if the queue was deleted behind the lease's back.</summary>
        public override Task CheckAsync(CancellationToken cancellationToken) =>
            _channel.QueueDeclarePassiveAsync(_queue, cancellationToken);

        /// <summary>Deletes the queue first, so the next owner can declare it as soon as this returns.</summary>
        public override async ValueTask DisposeAsync()
        {
            try
            {
                if (_channel.IsOpen)
                {
                    await _channel.QueueDeleteAsync(_queue).ConfigureAwait(false);
                }

                if (_connection.IsOpen)
                {
                    await _connection.CloseAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await _channel.DisposeAsync().ConfigureAwait(false);
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
