using QueueActors.Actors.Cluster.Control.Handlers;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The node's end of the control channel (<c>/user/node/control</c>): subscribes to it, lets in only what
/// <see cref="ControlReceiver"/> accepts, hands heartbeats and leaves to the membership actor, runs each request
/// addressed to this node (no target, its name, or one of its roles) through the handler serving the command,
/// and sends the signed reply to the requester. Handlers run one request at a time in arrival order (a pause
/// then a resume stay in that order), off the actor's turn, so a slow one holds up no heartbeat.
/// A node with no handler for an addressed command answers "not served" so the requester need not wait for it.
/// </summary>
public sealed partial class ControlActor : ActorBase
{
    private readonly ClusterNodeServices services;
    private readonly IActorRef? members;
    private readonly Dictionary<string, IControlCommandHandler> handlers = new(StringComparer.Ordinal);
    private readonly ControlPublisher publisher;
    private readonly CancellationTokenSource stopping = new();
    private ControlReceiver? receiver;
    private IAsyncDisposable? subscription;
    private FailureStreak subscribeFailures = null!;
    private Task handling = Task.CompletedTask; // the handlers' chain: one request at a time, in arrival order

    /// <param name="services">The node's cluster services.</param>
    /// <param name="members">The membership actor that gets the verified heartbeats and leaves, or null.</param>
    public ControlActor(ClusterNodeServices services, IActorRef? members)
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        this.members = members;
        publisher = services.Publisher();
        IControlCommandHandler[] builtIn = [new ClusterShowHandler(services.Members), new ActorTreeHandler(Context.System), new StatusHandler(services.StatusProvider)];
        foreach (var handler in builtIn.Concat(services.Handlers))
        {
            foreach (var command in handler.Commands)
            {
                handlers[command] = handler; // a registered handler replaces a built-in one
            }
        }
    }

    /// <summary>The props of a control actor (name it <c>control</c> under the node guardian).</summary>
    public static Props Props(ClusterNodeServices services, IActorRef? members) => Runtime.Props.Create(() => new ControlActor(services, members));

    protected override void PreStart()
    {
        subscribeFailures = new FailureStreak(Context.System.TimeProvider);
        receiver = new ControlReceiver(services.Verifier, new DuplicateFilter(services.Settings.Signing.MaxAge, Context.System.TimeProvider), Context.Log);
        Self.Tell(Subscribe.Instance);
    }

    protected override void PostStop()
    {
        stopping.Cancel();
        stopping.Dispose();
        if (subscription is { } active)
        {
            var log = Context.Log;
            _ = active.DisposeAsync().AsTask().ContinueWith(t => ControlLog.UnsubscribeFailed(log, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    protected override async ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case Inbound inbound:
                await OnInboundAsync(inbound.Wire).ConfigureAwait(false);
                break;
            case Handled handled:
                await ReplyAsync(handled.Request, handled.Reply, handled.Served).ConfigureAwait(false);
                break;
            case Subscribe:
                await SubscribeAsync().ConfigureAwait(false);
                break;
            default:
                await Unhandled(message).ConfigureAwait(false);
                break;
        }
    }

    private async Task SubscribeAsync()
    {
        var self = Self;
        try
        {
            subscription = await services.Broadcast.SubscribeBroadcastAsync(
                services.Settings.ControlChannel,
                (wire, _) =>
                {
                    self.Tell(new Inbound(wire.ToArray())); // the transport may reuse the buffer
                    return ValueTask.CompletedTask;
                },
                Context.CancellationToken).ConfigureAwait(false);
            ControlLog.Subscribed(Context.Log, services.Settings.ControlChannel, services.Node);
        }
        catch (Transport.TransportException error)
        {
            // No server up yet: try again rather than fail, so a node started before its broker joins once it is there.
            // The first failure is logged, then a summary now and then; "subscribed" says when it worked.
            switch (subscribeFailures.Failed())
            {
                case FailureStreak.Report.First:
                    ControlLog.SubscribeFailed(Context.Log, services.Settings.ControlChannel, services.Settings.HeartbeatInterval, error);
                    break;
                case FailureStreak.Report.Summary:
                    ControlLog.SubscribeStillFailing(Context.Log, services.Settings.ControlChannel, subscribeFailures.Failures, subscribeFailures.Since, error.Message);
                    break;
            }

            Context.Timers.StartSingleTimer(Subscribe.Instance, Subscribe.Instance, services.Settings.HeartbeatInterval);
        }
    }

    private Task OnInboundAsync(byte[] wire)
    {
        var message = receiver!.Accept(wire, IsForMe);
        switch (message)
        {
            case { Kind: ControlMessageKind.Heartbeat, Status: { } status }:
                members!.Tell(new HeartbeatReceived(status));
                break;
            case { Kind: ControlMessageKind.Leave }:
                members!.Tell(new MemberLeft(message.Sender));
                break;
            case { Kind: ControlMessageKind.Request }:
                return DispatchAsync(message);
        }

        return Task.CompletedTask;
    }

    private bool IsForMe(ControlMessage message) => message.Kind switch
    {
        ControlMessageKind.Request => message.Command is not null
            && (message.TargetNode is null || message.TargetNode == services.Node)
            && (message.TargetRole is null || services.Roles.Contains(message.TargetRole)),
        ControlMessageKind.Heartbeat => members is not null && message.Status is not null && message.Status.Node == message.Sender,
        ControlMessageKind.Leave => members is not null,
        _ => false,
    };

    private sealed record Subscribe
    {
        public static Subscribe Instance { get; } = new();
    }

    private sealed record Inbound(byte[] Wire);

    private sealed record Handled(ControlMessage Request, ControlReply Reply, bool Served);
}
