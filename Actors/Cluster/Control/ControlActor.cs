using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control.Handlers;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The node's end of the control channel (<c>/user/control</c>): subscribes to the DistributedPubSub topic
/// <c>control-channel</c>, lets in only what <see cref="ControlReceiver"/> accepts, runs each request addressed to this
/// node (no target, its name, or one of its roles) through the handler serving the command, and sends the signed
/// reply straight back to the request's sender (a ctl's ClusterClient tunnel, a node's reply inbox, the seed's relay).
/// Handlers run one request at a time in arrival order (a pause then a resume stay in that order), off the actor's
/// turn. A node with no handler for an addressed command answers "not served" so the requester need not wait for it.
/// It also answers <see cref="GetNodeStatus"/> with this node's status, for <c>cluster show</c> on any node, and asks
/// each member that comes up for its own (<see cref="ClusterShowHandler.LearnAsync"/>).
/// </summary>
public sealed partial class ControlActor : ReceiveActor
{
    private readonly ClusterNodeServices services;
    private readonly Dictionary<string, IControlCommandHandler> handlers = new(StringComparer.Ordinal);
    private readonly ILogger logger;
    private readonly ControlReceiver receiver;
    private readonly ClusterShowHandler clusterShow;
    private readonly CancellationTokenSource stopping = new();
    private Task handling = Task.CompletedTask; // the handlers' chain: one request at a time, in arrival order

    /// <param name="services">The node's cluster services.</param>
    public ControlActor(ClusterNodeServices services)
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        logger = services.LoggerFactory.CreateLogger<ControlActor>();
        receiver = new ControlReceiver(services.Verifier, new DuplicateFilter(services.Settings.Signing.MaxAge, services.Time), logger);
        // cluster show waits a third of the requester's patience for each member: a killed one not yet found unreachable costs that much.
        clusterShow = new ClusterShowHandler(Context.System, services.Settings.RequestTimeout / 3);
        IControlCommandHandler[] builtIn = [clusterShow, new ActorTreeHandler(Context.System), new StatusHandler(services.StatusProvider)];
        foreach (var handler in builtIn.Concat(services.Handlers))
        {
            foreach (var command in handler.Commands)
            {
                handlers[command] = handler; // a registered handler replaces a built-in one
            }
        }

        Receive<ControlEnvelope>(envelope => OnInbound(envelope.Wire, Sender));
        Receive<Handled>(handled => Reply(handled.Request, handled.ReplyTo, handled.Reply, handled.Served));
        Receive<GetNodeStatus>(_ => Sender.Tell(NodeStatusReport.Of(services.StatusProvider.GetStatus() with { Address = AkkaMembers.SelfAddress(Context.System) })));
        Receive<SubscribeAck>(_ => ControlLog.Subscribed(logger, services.Settings.ControlChannel, services.Node));
        Receive<Akka.Cluster.ClusterEvent.MemberUp>(up => _ = clusterShow.LearnAsync(new AkkaMember(up.Member.Address.ToString(), AkkaMember.Up, [.. up.Member.Roles]), stopping.Token));
    }

    /// <summary>The props of a control actor (name it <c>control</c>).</summary>
    public static Props Props(ClusterNodeServices services) => Akka.Actor.Props.Create(() => new ControlActor(services));

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(services.Settings.ControlChannel, Self));
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(Akka.Cluster.ClusterEvent.MemberUp));
    }

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        stopping.Cancel(); // not disposed: a handler still running may read its token
    }

    private void OnInbound(byte[] wire, IActorRef sender)
    {
        if (receiver.Accept(wire, IsForMe) is { } request)
        {
            Dispatch(request, sender);
        }
    }

    private bool IsForMe(ControlMessage message) =>
        message is { Kind: ControlMessageKind.Request, Command: not null }
        && (message.TargetNode is null || message.TargetNode == services.Node)
        && (message.TargetRole is null || services.Roles.Contains(message.TargetRole));

    private sealed record Handled(ControlMessage Request, IActorRef ReplyTo, ControlReply Reply, bool Served);
}
