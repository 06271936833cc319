using System.Threading.Channels;
using Akka.Actor;

namespace QueueActors.Actors.Push;

/// <summary>
/// A client's subscription, held by its HTTP request: <see cref="Deliveries"/> to send, the <see cref="Cursor"/> as
/// sent so far (the next SSE id), and <see cref="CutOff"/>, cancelled when the client fell too far behind (the
/// request then aborts its connection). Disposing it stops the client's connection actor.
/// </summary>
public sealed class PushSubscription : IDisposable
{
    private readonly ActorSystem _system;
    private readonly CancellationTokenSource _cutOff;

    internal PushSubscription(ActorSystem system, IActorRef connection, ChannelReader<PushDelivery> deliveries, PushCursor cursor, CancellationTokenSource cutOff)
    {
        _system = system;
        Connection = connection;
        Deliveries = deliveries;
        Cursor = cursor;
        _cutOff = cutOff;
    }

    /// <summary>The client's connection actor.</summary>
    public IActorRef Connection { get; }

    /// <summary>What to send, in order; completed with <see cref="PushClientTooSlowException"/> when the client was cut off.</summary>
    public ChannelReader<PushDelivery> Deliveries { get; }

    /// <summary>The client's positions; <see cref="Advance"/> moves them as deliveries are sent.</summary>
    public PushCursor Cursor { get; }

    /// <summary>Cancelled when the client was cut off for falling behind.</summary>
    public CancellationToken CutOff => _cutOff.Token;

    /// <summary>Moves <see cref="Cursor"/> past <paramref name="delivery"/>; returns the cursor's text (the event's id).</summary>
    public string Advance(PushDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        Cursor.Set(delivery.Channel, delivery.Position);
        return Cursor.ToString();
    }

    public void Dispose()
    {
        _system.Stop(Connection);
        _cutOff.Dispose();
    }
}
