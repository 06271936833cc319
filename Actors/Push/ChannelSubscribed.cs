namespace QueueActors.Actors.Push;

/// <summary>
/// The owner's answer to <see cref="ChannelSubscribe"/>: the held events after the subscriber's position, or
/// <paramref name="Reset"/> when that position is no longer held (another epoch: the owner restarted; or older than
/// the history) followed by every held event; then the subscriber follows on from <paramref name="Head"/>.
/// </summary>
public sealed record ChannelSubscribed(string Channel, PushPosition Head, bool Reset, PushedEvent[] Events);
