using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Singleton;

/// <summary>
/// Runs one actor cluster-wide (the role of Akka's ClusterSingletonManager), on the broker instead of
/// gossip: every candidate node runs a manager for the same singleton name, and each consumes the queue
/// <c>&lt;queue-prefix&gt;&lt;name&gt;</c> (<c>qa.singleton.seed</c>) with a single active consumer.
/// <list type="number">
/// <item>Every candidate puts a tick on the queue every tick-interval. Only the active consumer gets ticks;
/// the first one makes its node active and starts the singleton as the child <c>singleton</c>.</item>
/// <item>When the active node dies the broker makes another consumer active; it gets the next tick (its
/// own or another candidate's) and starts the singleton there.</item>
/// <item>An active node that gets no tick for lease-timeout is no longer the active consumer (it lost its
/// connection and another node took over): it stops its singleton. Two nodes can thus both run it for at
/// most lease-timeout; persistent singletons stay correct meanwhile because the journal refuses a
/// second writer of the same sequence number.</item>
/// <item>Any other message to the manager is for the singleton: forwarded while this node runs it, answered
/// with a <see cref="SingletonNotActiveException"/> failure otherwise.</item>
/// </list>
/// Issue [7] replaces it with Akka.Cluster's singleton.
/// </summary>
public sealed class ClusterSingletonManager : ReceiveActor, IWithTimers
{
    private const string TickTimer = "tick";
    private readonly ITransport _transport;
    private readonly string _name;
    private readonly Props _singletonProps;
    private readonly SingletonSettings _settings;
    private readonly string _node;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FailureStreak _failures;

    /// <summary>Cancels the subscription and the publish in flight when the manager stops.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private ISubscription? _subscription;
    private IActorRef? _singleton;

    /// <summary>A singleton stopped on stepping down, until it has terminated (its name is taken until then).</summary>
    private IActorRef? _retiring;
    private long _lastTick;

    /// <summary>Creates the manager (see <see cref="Props"/>).</summary>
    public ClusterSingletonManager(ITransport transport, string name, Props singletonProps, SingletonSettings settings, string node, TimeProvider time, ILogger logger)
    {
        _transport = transport;
        _name = name;
        _singletonProps = singletonProps;
        _settings = settings;
        _node = node;
        _time = time;
        _logger = logger;
        _failures = new FailureStreak(time);
        ReceiveAsync<Tick>(_ => TickAsync());
        Receive<TickReceived>(_ => Activate());
        Receive<GetSingletonState>(_ => Sender.Tell(new SingletonState(_singleton is not null, _singleton)));
        Receive<Terminated>(terminated => SingletonStopped(terminated.ActorRef));
        ReceiveAny(Forward);
    }

    /// <summary>Akka's timers of this actor (set by Akka).</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The broker queue of the singleton <paramref name="name"/>.</summary>
    public static QueueSpec QueueSpec(SingletonSettings settings, string name) => new(settings.QueuePrefix + name, Durable: false) { SingleActiveConsumer = true };

    /// <param name="transport">The broker the candidates share.</param>
    /// <param name="name">The singleton's name, the same on every candidate node.</param>
    /// <param name="singletonProps">What to run while this node is active.</param>
    /// <param name="settings">Queue prefix, tick interval, lease timeout.</param>
    /// <param name="node">This node's name, carried in its ticks.</param>
    /// <param name="time">The clock of the lease (default: the system clock).</param>
    /// <param name="logger">Where hand-overs and tick failures go.</param>
    public static Props Props(ITransport transport, string name, Props singletonProps, SingletonSettings settings, string node, TimeProvider? time = null, ILogger? logger = null) =>
        Akka.Actor.Props.Create(() => new ClusterSingletonManager(transport, name, singletonProps, settings, node, time ?? TimeProvider.System, logger ?? NullLogger.Instance));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer(TickTimer, Tick.Instance, _settings.TickInterval);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        if (_subscription is { } current)
        {
            _ = current.DisposeAsync().AsTask();
        }
    }

    private async Task TickAsync()
    {
        if (_singleton is not null && _time.GetElapsedTime(_lastTick) > _settings.LeaseTimeout)
        {
            SingletonLog.SteppedDown(_logger, _name, _node, _settings.LeaseTimeout);
            Context.Stop(_singleton);
            _retiring = _singleton;
            _singleton = null;
        }

        try
        {
            _subscription ??= await SubscribeAsync();
            await _transport.PublishAsync(QueueSpec(_settings, _name).BrokerQueue, new Messaging.Envelope
            {
                Site = "cluster",
                Queue = "singleton",
                EnqueuedAt = _time.GetUtcNow(),
                ContentType = "text/plain",
                Body = System.Text.Encoding.UTF8.GetBytes(_node),
            }, _stopping.Token);
            if (_failures.Succeeded(out var count, out var since))
            {
                SingletonLog.TickRecovered(_logger, _name, count, since);
            }
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            // The next tick tries again; while the broker is down that is every tick, so the log gets the first
            // failure and a summary now and then, not a warning per tick.
            switch (_failures.Failed())
            {
                case FailureStreak.Report.First:
                    SingletonLog.TickFailed(_logger, _name, ex.Message, _settings.TickInterval, FailureStreak.SummaryInterval);
                    break;
                case FailureStreak.Report.Summary:
                    SingletonLog.TickStillFailing(_logger, _name, _failures.Failures, _failures.Since, ex.Message);
                    break;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // stopping
        }
    }

    private Task<ISubscription> SubscribeAsync()
    {
        var self = Self;
        return _transport.SubscribeAsync(QueueSpec(_settings, _name), prefetch: 10, async (delivery, cancellationToken) =>
        {
            await delivery.AckAsync(cancellationToken);
            self.Tell(TickReceived.Instance);
        }, _stopping.Token);
    }

    private void Activate()
    {
        _lastTick = _time.GetTimestamp();
        if (_singleton is null && _retiring is null)
        {
            _singleton = Context.ActorOf(_singletonProps, "singleton");
            Context.Watch(_singleton);
            SingletonLog.BecameActive(_logger, _name, _node);
        }
    }

    /// <summary>Anything else is for the singleton: forwarded while this node runs it, refused otherwise.</summary>
    private void Forward(object message)
    {
        if (_singleton is { } active)
        {
            active.Forward(message);
        }
        else
        {
            Sender.Tell(new Status.Failure(new SingletonNotActiveException(_name, _node)));
        }
    }

    private void SingletonStopped(IActorRef stopped)
    {
        if (stopped.Equals(_retiring))
        {
            _retiring = null; // a later tick starts it again if this node is still active
        }

        if (stopped.Equals(_singleton))
        {
            _singleton = null; // it stopped by itself (or failed past its restarts): started again on the next tick
        }
    }

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record TickReceived
    {
        public static TickReceived Instance { get; } = new();
    }
}
