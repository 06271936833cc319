namespace QueueActors.Actors.Push;

/// <summary>To a channel's owner: number this event, hold it and send it to the subscribers.</summary>
public sealed record ChannelPush(string Channel, string EventType, string Data) : IPushChannelMessage;
