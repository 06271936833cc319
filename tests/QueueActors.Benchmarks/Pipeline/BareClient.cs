using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// The baseline: RabbitMQ.Client 7.1.2 used directly, as a careful application would: one connection,
/// publisher confirms with tracking (a window of publishes in flight), a consumer with prefetch that acks
/// each message after its work.
/// </summary>
internal sealed class BareClient(IConnection connection) : IAsyncDisposable
{
    private static readonly BasicProperties PersistentJson = new() { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json" };
    private readonly Lazy<Task<IChannel>> _paced = new(() => connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));

    public static async Task<BareClient> ConnectAsync(Uri broker) =>
        new(await new ConnectionFactory { Uri = broker, ClientProvidedName = "bench-bare" }.CreateConnectionAsync());

    public async Task DeclareAsync(string queue, QueueKind kind)
    {
        await using var channel = await connection.CreateChannelAsync();
        var arguments = kind == QueueKind.Quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null;
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments);
    }

    public async Task DeleteAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }

    /// <summary>Publishes <paramref name="count"/> persistent messages, <paramref name="window"/> unconfirmed at most; msg/s.</summary>
    public async Task<double> PublishAsync(string queue, int count, int window, Func<int, byte[]> body)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json" };
        var watch = Stopwatch.StartNew();
        await Windowed.RunAsync(count, window, i => channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body(i)));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>One confirmed publish on a shared confirm channel (for paced publishing).</summary>
    public async Task PublishOneAsync(string queue, byte[] body)
    {
        var channel = await _paced.Value;
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, PersistentJson, body);
    }

    /// <summary>Consumes until <paramref name="count"/> messages are acked; <paramref name="work"/> runs before each ack. msg/s from the first delivery.</summary>
    public async Task<double> ConsumeAsync(string queue, int count, ushort prefetch, ushort dispatchConcurrency, Func<ReadOnlyMemory<byte>, Task> work)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: dispatchConcurrency));
        await channel.BasicQosAsync(0, prefetch, global: false);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acked = 0;
        Stopwatch? watch = null;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            watch ??= Stopwatch.StartNew();
            await work(delivery.Body);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref acked) == count)
            {
                done.TrySetResult();
            }
        };
        var tag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        await done.Task;
        var rate = count / watch!.Elapsed.TotalSeconds;
        await channel.BasicCancelAsync(tag);
        return rate;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        await connection.DisposeAsync();
    }
}
