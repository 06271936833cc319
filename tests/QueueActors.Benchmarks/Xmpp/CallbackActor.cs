using Akka.Actor;

namespace QueueActors.Benchmarks.Xmpp;

/// <summary>An actor that hands every message it gets to a callback (a reply address for the benchmark).</summary>
internal sealed class CallbackActor : ReceiveActor
{
    public CallbackActor(Action<object> callback) => ReceiveAny(callback);

    public static Props Props(Action<object> callback) => Akka.Actor.Props.Create(() => new CallbackActor(callback));
}
