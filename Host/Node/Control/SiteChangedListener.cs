using Akka.Actor;
using QueueActors.Actors.Sites;

namespace QueueActors.Host.Node.Control;

/// <summary>Hands each <see cref="SiteChanged"/> of the event stream it is subscribed to to <paramref name="onChange"/>.</summary>
internal sealed class SiteChangedListener : ReceiveActor
{
    public SiteChangedListener(Action<SiteChanged> onChange) => Receive(onChange);

    public static Props Props(Action<SiteChanged> onChange) => Akka.Actor.Props.Create(() => new SiteChangedListener(onChange));
}
