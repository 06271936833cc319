using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The control channel through actors: each request is handed to <c>via</c> wrapped as it expects (the
/// DistributedPubSub mediator takes a <see cref="Publish"/>, a ClusterClient its own <c>ClusterClient.Publish</c>),
/// with a reply inbox of this route as the sender, so every node's reply comes straight back to it.
/// </summary>
public sealed class ActorControlRoute : IControlRoute
{
    private readonly ActorSystem system;
    private readonly IActorRef via;
    private readonly Func<ControlEnvelope, object> wrap;
    private IActorRef? inbox;

    /// <param name="system">Where the reply inbox runs.</param>
    /// <param name="via">The actor that carries requests to the topic.</param>
    /// <param name="wrap">Makes the message <paramref name="via"/> expects from an envelope.</param>
    public ActorControlRoute(ActorSystem system, IActorRef via, Func<ControlEnvelope, object> wrap)
    {
        this.system = system ?? throw new ArgumentNullException(nameof(system));
        this.via = via ?? throw new ArgumentNullException(nameof(via));
        this.wrap = wrap ?? throw new ArgumentNullException(nameof(wrap));
    }

    /// <summary>A route for a cluster member: publishes to <paramref name="topic"/> through the node's DistributedPubSub mediator.</summary>
    public static ActorControlRoute PubSub(ActorSystem system, string topic) =>
        new(system, DistributedPubSub.Get(system).Mediator, envelope => new Publish(topic, envelope));

    public Task OpenAsync(Action<ReadOnlyMemory<byte>> onReply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onReply);
        inbox = system.ActorOf(Props.Create(() => new ReplyInbox(onReply)));
        return Task.CompletedTask;
    }

    public ValueTask SendAsync(byte[] wire, CancellationToken cancellationToken)
    {
        var replies = inbox ?? throw new InvalidOperationException("the route is not open");
        via.Tell(wrap(new ControlEnvelope(wire)), replies);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref inbox, null) is { } open)
        {
            system.Stop(open);
        }

        return ValueTask.CompletedTask;
    }

    private sealed class ReplyInbox : ReceiveActor
    {
        public ReplyInbox(Action<ReadOnlyMemory<byte>> onReply) => Receive<ControlEnvelope>(envelope => onReply(envelope.Wire));
    }
}
