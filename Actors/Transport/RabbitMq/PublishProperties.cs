using System.Collections.Concurrent;
using QueueActors.Actors.Messaging;
using RabbitMQ.Client;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// AMQP properties with their header table, reused from publish to publish: a publish that would otherwise make
/// both takes a set here and gives it back once the broker confirmed (the table is the one the client made for its
/// publish sequence number, or the event's headers needed). The client is done with them by then (it serializes them
/// before it sends the message); a publish that failed or was cancelled keeps its set, since the client may still
/// hold it.
/// </summary>
internal static class PublishProperties
{
    /// <summary>More sets than publishes in flight at once are not kept.</summary>
    private const int MaxKept = 1024;

    private static readonly ConcurrentQueue<BasicProperties> Kept = new();
    private static int s_kept;

    public static BasicProperties Rent(Envelope envelope, bool persistent, bool legacyHeaders)
    {
        if (Kept.TryDequeue(out var properties))
        {
            Interlocked.Decrement(ref s_kept);
        }
        else
        {
            properties = new BasicProperties();
        }

        AmqpEnvelope.Fill(properties, envelope, persistent, legacyHeaders);
        return properties;
    }

    public static void Return(BasicProperties properties)
    {
        if (Interlocked.Increment(ref s_kept) <= MaxKept)
        {
            Kept.Enqueue(properties);
        }
        else
        {
            Interlocked.Decrement(ref s_kept);
        }
    }
}
