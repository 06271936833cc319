using QueueActors.Actors.Runtime;
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
/// </summary>
public sealed class ClusterSingletonManager : ActorBase
{
    private const string TickTimer = "tick";
    private readonly ITransport transport;
    private readonly string name;
    private readonly Props singletonProps;
    private readonly SingletonSettings settings;
    private readonly string node;
    private ISubscription? subscription;
    private FailureStreak failures = null!;
    private IActorRef? singleton;
    private long lastTick;

    private ClusterSingletonManager(ITransport transport, string name, Props singletonProps, SingletonSettings settings, string node)
    {
        this.transport = transport;
        this.name = name;
        this.singletonProps = singletonProps;
        this.settings = settings;
        this.node = node;
    }

    /// <summary>The broker queue of the singleton <paramref name="name"/>.</summary>
    public static QueueSpec QueueSpec(SingletonSettings settings, string name) => new(settings.QueuePrefix + name, Durable: false) { SingleActiveConsumer = true };

    /// <param name="name">The singleton's name, the same on every candidate node.</param>
    /// <param name="singletonProps">What to run while this node is active.</param>
    /// <param name="node">This node's name, carried in its ticks.</param>
    public static Props Props(ITransport transport, string name, Props singletonProps, SingletonSettings settings, string node) =>
        Runtime.Props.Create(() => new ClusterSingletonManager(transport, name, singletonProps, settings, node));

    protected override void PreStart()
    {
        failures = new FailureStreak(Context.System.TimeProvider);
        Self.Tell(Tick.Instance);
        Context.Timers.StartPeriodicTimer(TickTimer, Tick.Instance, settings.TickInterval);
    }

    protected override void PostStop()
    {
        if (subscription is { } current)
        {
            _ = current.DisposeAsync().AsTask();
        }
    }

    protected override ValueTask ReceiveAsync(object message) => message switch
    {
        Tick => TickAsync(),
        TickReceived => Activate(),
        GetSingletonState => Answer(),
        Terminated terminated => SingletonStopped(terminated.ActorRef),
        _ => Forward(message),
    };

    private async ValueTask TickAsync()
    {
        if (singleton is not null && Context.System.TimeProvider.GetElapsedTime(lastTick) > settings.LeaseTimeout)
        {
            SingletonLog.SteppedDown(Context.Log, name, node, settings.LeaseTimeout);
            Context.Stop(singleton);
            singleton = null;
        }

        try
        {
            subscription ??= await SubscribeAsync().ConfigureAwait(false);
            await transport.PublishAsync(QueueSpec(settings, name).BrokerQueue, new Messaging.Envelope
            {
                Site = "cluster",
                Queue = "singleton",
                EnqueuedAt = Context.System.TimeProvider.GetUtcNow(),
                ContentType = "text/plain",
                Body = System.Text.Encoding.UTF8.GetBytes(node),
            }, Context.CancellationToken).ConfigureAwait(false);
            if (failures.Succeeded(out var count, out var since))
            {
                SingletonLog.TickRecovered(Context.Log, name, count, since);
            }
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
            // The next tick tries again; while the broker is down that is every tick, so the log gets the first
            // failure and a summary now and then, not a warning per tick.
            switch (failures.Failed())
            {
                case FailureStreak.Report.First:
                    SingletonLog.TickFailed(Context.Log, name, ex.Message, settings.TickInterval, FailureStreak.SummaryInterval);
                    break;
                case FailureStreak.Report.Summary:
                    SingletonLog.TickStillFailing(Context.Log, name, failures.Failures, failures.Since, ex.Message);
                    break;
            }
        }
    }

    private Task<ISubscription> SubscribeAsync()
    {
        var self = Self;
        return transport.SubscribeAsync(QueueSpec(settings, name), prefetch: 10, async (delivery, cancellationToken) =>
        {
            await delivery.AckAsync(cancellationToken).ConfigureAwait(false);
            self.Tell(TickReceived.Instance);
        }, Context.CancellationToken);
    }

    private ValueTask Activate()
    {
        lastTick = Context.System.TimeProvider.GetTimestamp();
        if (singleton is null)
        {
            singleton = Context.ActorOf(singletonProps, "singleton");
            Context.Watch(singleton);
            SingletonLog.BecameActive(Context.Log, name, node);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Anything else is for the singleton: forwarded while this node runs it, refused otherwise.</summary>
    private ValueTask Forward(object message)
    {
        if (singleton is { } active)
        {
            active.Tell(message, Sender);
        }
        else
        {
            Reply(new Status.Failure(new SingletonNotActiveException(name, node)));
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask Answer()
    {
        Reply(new SingletonState(singleton is not null, singleton));
        return ValueTask.CompletedTask;
    }

    private ValueTask SingletonStopped(IActorRef stopped)
    {
        if (stopped.Equals(singleton))
        {
            singleton = null; // it stopped by itself (or failed past its restarts): started again on the next tick
        }

        return ValueTask.CompletedTask;
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
