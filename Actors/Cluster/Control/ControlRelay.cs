using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The transport's door into the control channel, kept from StatusNet, whose external utilities sent
/// <c>update:&lt;site&gt;</c> straight to the queue server. Runs on the active seed only (a cluster singleton with role
/// <c>seed</c>), so each command on the transport enters the cluster once: it subscribes to the broadcast channel
/// <c>control-channel</c> (the RabbitMQ exchange <c>qa.control</c>, or the SQL broadcast), verifies each request
/// (<see cref="ControlReceiver"/>: unsigned, forged, stale and replayed ones are rejected and logged here, once) and
/// publishes it to the DistributedPubSub topic of the same name with itself as the sender. The nodes' replies come back
/// to it and it broadcasts them on the channel for the requester (a <c>ctl</c> or script on the transport).
/// While the broker is down it subscribes again every <see cref="RetryInterval"/>.
/// </summary>
public sealed class ControlRelay : ReceiveActor, IWithTimers
{
    /// <summary>How long the relay waits before it subscribes again after a failure.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly IBroadcast broadcast;
    private readonly string channel;
    private readonly string node;
    private readonly ILogger logger;
    private readonly ControlReceiver receiver;
    private readonly FailureStreak subscribeFailures;
    private readonly CancellationTokenSource stopping = new();
    private IAsyncDisposable? subscription;

    /// <param name="broadcast">The transport's broadcast channels.</param>
    /// <param name="settings">The channel (topic) name and signing settings.</param>
    /// <param name="verifier">Checks what arrives on the transport (its own nonce memory).</param>
    /// <param name="node">This node's name, for the log.</param>
    /// <param name="time">The clock that signatures are checked against.</param>
    /// <param name="logger">Where the relay logs.</param>
    public ControlRelay(IBroadcast broadcast, ClusterSettings settings, CommandVerifier verifier, string node, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.broadcast = broadcast ?? throw new ArgumentNullException(nameof(broadcast));
        this.node = node;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        channel = settings.ControlChannel;
        receiver = new ControlReceiver(verifier, new DuplicateFilter(settings.Signing.MaxAge, time), logger);
        subscribeFailures = new FailureStreak(time);
        var mediator = DistributedPubSub.Get(Context.System).Mediator;

        ReceiveAsync<Subscribe>(_ => SubscribeAsync());
        Receive<FromTransport>(inbound =>
        {
            if (receiver.Accept(inbound.Wire, m => m.Kind == ControlMessageKind.Request) is not null)
            {
                mediator.Tell(new Publish(channel, new ControlEnvelope(inbound.Wire)), Self);
            }
        });
        ReceiveAsync<ControlEnvelope>(reply => BroadcastReplyAsync(reply.Wire));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a relay (run it as a cluster singleton with role <c>seed</c>).</summary>
    public static Props Props(IBroadcast broadcast, ClusterSettings settings, CommandVerifier verifier, string node, TimeProvider time, ILogger logger) =>
        Akka.Actor.Props.Create(() => new ControlRelay(broadcast, settings, verifier, node, time, logger));

    protected override void PreStart() => Self.Tell(Subscribe.Instance);

    protected override void PostStop()
    {
        stopping.Cancel(); // not disposed: a turn still awaiting may read its token
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
            subscription = await broadcast.SubscribeBroadcastAsync(
                channel,
                (wire, _) =>
                {
                    self.Tell(new FromTransport(wire.ToArray())); // the transport may reuse the buffer
                    return ValueTask.CompletedTask;
                },
                stopping.Token);
            ControlLog.Relaying(logger, channel, node);
        }
        catch (TransportException error)
        {
            // No server up yet: try again rather than fail. The first failure is logged, then a summary now and then.
            switch (subscribeFailures.Failed())
            {
                case FailureStreak.Report.First:
                    ControlLog.SubscribeFailed(logger, channel, RetryInterval, error);
                    break;
                case FailureStreak.Report.Summary:
                    ControlLog.SubscribeStillFailing(logger, channel, subscribeFailures.Failures, subscribeFailures.Since, error.Message);
                    break;
            }

            Timers.StartSingleTimer(Subscribe.Instance, Subscribe.Instance, RetryInterval);
        }
    }

    private async Task BroadcastReplyAsync(byte[] wire)
    {
        try
        {
            await broadcast.BroadcastAsync(channel, wire, stopping.Token);
        }
        catch (Exception error) when (error is TransportException or OperationCanceledException or ObjectDisposedException)
        {
            ControlLog.ReplyFailed(logger, channel, error);
        }
    }

    private sealed record Subscribe
    {
        public static Subscribe Instance { get; } = new();
    }

    private sealed record FromTransport(byte[] Wire);
}
