using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control.Handlers;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The node's end of the control channel (<c>/user/control</c>): subscribes to it, lets in only what
/// <see cref="ControlReceiver"/> accepts, hands heartbeats and leaves to the membership actor, runs each request
/// addressed to this node (no target, its name, or one of its roles) through the handler serving the command,
/// and sends the signed reply to the requester. Handlers run one request at a time in arrival order (a pause
/// then a resume stay in that order), off the actor's turn, so a slow one holds up no heartbeat.
/// A node with no handler for an addressed command answers "not served" so the requester need not wait for it.
/// </summary>
public sealed partial class ControlActor : ReceiveActor, IWithTimers
{
    private readonly ClusterNodeServices services;
    private readonly IActorRef? members;
    private readonly Dictionary<string, IControlCommandHandler> handlers = new(StringComparer.Ordinal);
    private readonly ControlPublisher publisher;
    private readonly ILogger logger;
    private readonly FailureStreak subscribeFailures;
    private readonly ControlReceiver receiver;
    private readonly CancellationTokenSource stopping = new();
    private IAsyncDisposable? subscription;
    private Task handling = Task.CompletedTask; // the handlers' chain: one request at a time, in arrival order

    /// <param name="services">The node's cluster services.</param>
    /// <param name="members">The membership actor that gets the verified heartbeats and leaves, or null.</param>
    public ControlActor(ClusterNodeServices services, IActorRef? members)
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        this.members = members;
        publisher = services.Publisher();
        logger = services.LoggerFactory.CreateLogger<ControlActor>();
        subscribeFailures = new FailureStreak(services.Time);
        receiver = new ControlReceiver(services.Verifier, new DuplicateFilter(services.Settings.Signing.MaxAge, services.Time), logger);
        IControlCommandHandler[] builtIn = [new ClusterShowHandler(services.Members, Context.System), new ActorTreeHandler(Context.System), new StatusHandler(services.StatusProvider)];
        foreach (var handler in builtIn.Concat(services.Handlers))
        {
            foreach (var command in handler.Commands)
            {
                handlers[command] = handler; // a registered handler replaces a built-in one
            }
        }

        ReceiveAsync<Inbound>(inbound => OnInboundAsync(inbound.Wire));
        ReceiveAsync<Handled>(handled => ReplyAsync(handled.Request, handled.Reply, handled.Served));
        ReceiveAsync<Subscribe>(_ => SubscribeAsync());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a control actor (name it <c>control</c>).</summary>
    public static Props Props(ClusterNodeServices services, IActorRef? members) => Akka.Actor.Props.Create(() => new ControlActor(services, members));

    protected override void PreStart() => Self.Tell(Subscribe.Instance);

    protected override void PostStop()
    {
        stopping.Cancel(); // not disposed: a turn or a handler still running may read its token
        if (subscription is { } active)
        {
            var log = logger;
            _ = active.DisposeAsync().AsTask().ContinueWith(t => ControlLog.UnsubscribeFailed(log, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
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
                stopping.Token);
            ControlLog.Subscribed(logger, services.Settings.ControlChannel, services.Node);
        }
        catch (Transport.TransportException error)
        {
            // No server up yet: try again rather than fail, so a node started before its broker joins once it is there.
            // The first failure is logged, then a summary now and then; "subscribed" says when it worked.
            switch (subscribeFailures.Failed())
            {
                case FailureStreak.Report.First:
                    ControlLog.SubscribeFailed(logger, services.Settings.ControlChannel, services.Settings.HeartbeatInterval, error);
                    break;
                case FailureStreak.Report.Summary:
                    ControlLog.SubscribeStillFailing(logger, services.Settings.ControlChannel, subscribeFailures.Failures, subscribeFailures.Since, error.Message);
                    break;
            }

            Timers.StartSingleTimer(Subscribe.Instance, Subscribe.Instance, services.Settings.HeartbeatInterval);
        }
    }

    private Task OnInboundAsync(byte[] wire)
    {
        var message = receiver.Accept(wire, IsForMe);
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
