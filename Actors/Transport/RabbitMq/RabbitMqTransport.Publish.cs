using System.Runtime.CompilerServices;
using QueueActors.Actors.Messaging;
using RabbitMQ.Client.Exceptions;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>Publishing: random server first, failover in turn, confirmed; delays held in broker-side buckets.</summary>
public sealed partial class RabbitMqTransport
{
    /// <summary>The longest delay a broker TTL can hold (2^32 - 1 ms, about 49 days).</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1_000_000L);

    /// <inheritdoc />
    public ValueTask PublishAsync(string brokerQueue, Envelope envelope, CancellationToken cancellationToken = default) =>
        PublishCoreAsync(brokerQueue, envelope, delay: null, cancellationToken);

    /// <inheritdoc />
    public ValueTask PublishDelayedAsync(string brokerQueue, Envelope envelope, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, MaxDelay);
        return PublishCoreAsync(brokerQueue, envelope, delay > TimeSpan.Zero ? delay : null, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] // pooled: no state machine box per publish
    private async ValueTask PublishCoreAsync(string brokerQueue, Envelope envelope, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        QueueSpec.ValidateName(brokerQueue, nameof(brokerQueue));
        ThrowIfDisposed();
        var known = _declared.TryGetValue(brokerQueue, out var spec);
        var durable = !known || spec!.Durable;
        var start = Random.Shared.Next(_servers.Length);
        var down = 0;
        Exception? last = null;
        for (var i = 0; i < _servers.Length; i++)
        {
            var server = _servers[(start + i) % _servers.Length];
            if (!server.IsUp)
            {
                down++;
                continue;
            }

            // No timeout token: the server's ConfirmWatchdog aborts a connection that confirms nothing for the
            // publish timeout, which fails this publish over to the next server.
            server.Confirms.Started();
            try
            {
                if (delay is { } wait)
                {
                    await PublishDelayedOnAsync(server, brokerQueue, envelope, wait, durable, checkTarget: !known, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Inline rather than through PublishOnAsync: one async frame (and its allocation) less per publish.
                    var channel = await server.GetPublishChannelAsync(cancellationToken).ConfigureAwait(false);
                    var properties = PublishProperties.Rent(envelope, durable, _options.LegacyEnvelopeHeaders);
                    await channel.BasicPublishAsync(string.Empty, brokerQueue, mandatory: true, properties, envelope.Body, cancellationToken).ConfigureAwait(false);
                    PublishProperties.Return(properties);
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ex;
                RabbitMqLog.PublishFailedOnServer(_logger, envelope.MessageId, brokerQueue, server.Name, Describe(ex, brokerQueue));
            }
            finally
            {
                server.Confirms.Finished();
            }
        }

        throw down == _servers.Length
            ? new TransportException($"Cannot publish message {envelope.MessageId} to queue {brokerQueue}: no server is up ({ServerList}).")
            : new TransportException($"Cannot publish message {envelope.MessageId} to queue {brokerQueue}: no server confirmed it ({down} of {_servers.Length} down; last failure: {Describe(last!, brokerQueue)}).", last);
    }

    private async Task PublishOnAsync(RabbitMqServer server, string exchange, string routingKey, Envelope envelope, bool persistent, CancellationToken cancellationToken)
    {
        var channel = await server.GetPublishChannelAsync(cancellationToken).ConfigureAwait(false);
        var properties = AmqpEnvelope.ToProperties(envelope, persistent, _options.LegacyEnvelopeHeaders);
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, envelope.Body, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishDelayedOnAsync(RabbitMqServer server, string brokerQueue, Envelope envelope, TimeSpan delay, bool durable, bool checkTarget, CancellationToken cancellationToken)
    {
        if (checkTarget)
        {
            // The bucket would accept a message for a queue that does not exist and drop it on expiry.
            await server.WithChannelAsync(async c => await c.QueueDeclarePassiveAsync(brokerQueue, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        var bucket = DelayBucket.For(delay, durable);
        var now = Environment.TickCount64;
        var declaration = server.Buckets.AddOrUpdate(bucket.Name, (_, b) => Declare(server, b, now), (_, known, b) => known.IsDue(now) ? Declare(server, b, now) : known, bucket);
        try
        {
            await declaration.Declared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (declaration.Declared.Value.IsFaulted)
        {
            server.Buckets.TryRemove(new KeyValuePair<string, BucketDeclaration>(bucket.Name, declaration));
            throw;
        }

        await PublishOnAsync(server, bucket.Name, brokerQueue, envelope, durable, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Declares the bucket when first awaited (a declaration that loses a race is never started).</summary>
    private static BucketDeclaration Declare(RabbitMqServer server, DelayBucket bucket, long now) =>
        new(new Lazy<Task>(() => server.WithChannelAsync(c => RabbitMqTopology.DeclareBucketAsync(c, bucket, CancellationToken.None), CancellationToken.None)), now);

    private string Describe(Exception exception, string brokerQueue) => exception switch
    {
        PublishException { IsReturn: true } => $"queue {brokerQueue} does not exist there (unroutable)",
        PublishException => "the broker refused the message (nack)",
        OperationInterruptedException closed when closed.ShutdownReason?.ReplyText == RabbitMqServer.NoConfirmsReason => $"no confirm within {_options.PublishTimeout}",
        _ => exception.GetBaseException().Message,
    };
}
