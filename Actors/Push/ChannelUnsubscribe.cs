using Akka.Actor;

namespace QueueActors.Actors.Push;

/// <summary>To a channel's owner: send <paramref name="Subscriber"/> nothing more.</summary>
public sealed record ChannelUnsubscribe(string Channel, IActorRef Subscriber) : IPushChannelMessage;
