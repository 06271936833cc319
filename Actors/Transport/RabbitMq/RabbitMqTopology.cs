using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>The declarations the transport makes on a channel: queues (with their dead-letter queue), delay buckets and broadcast channels.</summary>
internal static class RabbitMqTopology
{
    public static async Task<bool> DeclareQueueAsync(IChannel channel, QueueSpec spec, CancellationToken cancellationToken)
    {
        if (QueueArguments.DeadLetterSpec(spec) is { } deadLetters)
        {
            await DeclareQueueAsync(channel, deadLetters, cancellationToken).ConfigureAwait(false);
        }

        await channel.QueueDeclareAsync(spec.BrokerQueue, durable: spec.Durable, exclusive: false, autoDelete: false,
            arguments: QueueArguments.For(spec), passive: false, noWait: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static async Task<bool> DeclareBucketAsync(IChannel channel, DelayBucket bucket, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(bucket.Name, ExchangeType.Fanout, durable: bucket.Durable, autoDelete: false,
            arguments: null, passive: false, noWait: false, cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(bucket.Name, durable: bucket.Durable, exclusive: false, autoDelete: false,
            arguments: bucket.QueueArguments(), passive: false, noWait: false, cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(bucket.Name, bucket.Name, routingKey: string.Empty, arguments: null, noWait: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A broadcast channel: a durable fanout exchange named after it (subscribers bind their own queues).</summary>
    public static async Task<bool> DeclareChannelAsync(IChannel channel, string name, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false,
            arguments: null, passive: false, noWait: false, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
