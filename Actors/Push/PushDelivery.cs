namespace QueueActors.Actors.Push;

/// <summary>What a client connection hands its HTTP response, in order.</summary>
/// <param name="Kind">An event, a reset (the client's position is no longer held), or only where the client now is.</param>
/// <param name="Channel">The channel's name.</param>
/// <param name="Position">The client's position in the channel after this.</param>
/// <param name="Event">The event, for <see cref="PushDeliveryKind.Event"/>.</param>
public sealed record PushDelivery(PushDeliveryKind Kind, string Channel, PushPosition Position, PushedEvent? Event);
