namespace QueueActors.Actors.Push;

/// <summary>
/// Pushes events to the clients connected to the cluster's nodes (server-sent events or long-poll on
/// <c>/push/…</c>), Tornado's role in Zulip. Take it in a handler's constructor. A push is fire-and-forget: it reaches
/// the clients subscribed at the time, and is held by the channel's owner (<c>queueactors.push.history-size</c>,
/// <c>history-age</c>) for clients that reconnect with <c>Last-Event-ID</c>; it is not durable (kill -9 of the owner's
/// node forgets the held events, its clients then get a <c>reset</c> event).
/// </summary>
public interface IClientPush
{
    /// <summary>Sends <paramref name="payload"/> (serialized as JSON) as an event of type <paramref name="eventType"/> to <paramref name="channel"/>'s clients.</summary>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> is empty, too long, or has control characters or spaces.</exception>
    /// <exception cref="InvalidOperationException">Push is off on this node (<c>queueactors.push.enabled = off</c>).</exception>
    ValueTask PushAsync<T>(PushChannel channel, string eventType, T payload, CancellationToken cancellationToken = default);
}
