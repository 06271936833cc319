using Akka.Actor;

namespace QueueActors.Actors.Push;

/// <summary>
/// To a channel's owner: send <paramref name="Subscriber"/> the held events after <paramref name="After"/> (none when
/// null) in a <see cref="ChannelSubscribed"/>, then every new event until it unsubscribes or stops.
/// </summary>
public sealed record ChannelSubscribe(string Channel, PushPosition? After, IActorRef Subscriber) : IPushChannelMessage;
