namespace QueueActors.Actors.Push;

/// <summary>See <see cref="PushDelivery"/>.</summary>
public enum PushDeliveryKind
{
    /// <summary>Where the client is when it subscribed (nothing to send; a long-poll's cursor).</summary>
    Position,

    /// <summary>An event for the client.</summary>
    Event,

    /// <summary>The client's position is no longer held (the owner restarted, or it is older than the history): reload.</summary>
    Reset,
}
