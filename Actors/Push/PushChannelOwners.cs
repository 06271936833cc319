using Akka.Actor;

namespace QueueActors.Actors.Push;

/// <summary>
/// The channels' owners on a node that is not a cluster member (e.g. <c>process-queue</c>): one
/// <see cref="PushChannelOwner"/> child per channel, started by its first message; what sharding does in a cluster.
/// </summary>
public sealed class PushChannelOwners : ReceiveActor
{
    public PushChannelOwners(PushSettings settings, TimeProvider time)
    {
        Receive<IPushChannelMessage>(message =>
        {
            var name = Uri.EscapeDataString(message.Channel);
            var owner = Context.Child(name);
            if (owner.IsNobody())
            {
                owner = Context.ActorOf(PushChannelOwner.Props(settings, sharded: false, time), name);
            }

            owner.Forward(message);
        });
    }

    public static Props Props(PushSettings settings, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new PushChannelOwners(settings, time));
}
