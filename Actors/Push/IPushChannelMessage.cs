namespace QueueActors.Actors.Push;

/// <summary>A message for a channel's owner: the channel's name is the owner's entity id.</summary>
public interface IPushChannelMessage
{
    string Channel { get; }
}
