using Akka.Actor;
using Akka.Cluster;
using Akka.Coordination;
using Akka.Event;
using Akka.Remote;

namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// Downs a member as soon as its process is known to be gone, instead of after the failure detector and the split
/// brain resolver's <c>stable-after</c> (about 10 s), so that its singletons move within seconds of a kill -9.
/// Every node holds a liveness lease of its own, <see cref="LeaseNameOf"/> its unique address, on the lease backend
/// of the resolver (<c>lease-majority.lease-implementation</c>: the broker, PostgreSQL or a file), held while its
/// connection lives. When a member's remoting connection drops (Akka.Remote's <see cref="DisassociatedEvent"/>, at
/// once when its process dies) or it becomes unreachable, this actor tries to take that member's liveness lease,
/// every <see cref="ProbeInterval"/> while the member stays suspect. Getting it proves that the member's process
/// holds no connection to the backend any more: it is dead, or cut off from the backend (then its own singleton
/// leases are lost too, and it could not work anyway). The member is downed, its incarnation quarantined (so that
/// the cluster removes it without waiting for the failure detector) and the lease let go. A member that still holds
/// its lease is left to the resolver.
/// </summary>
public sealed class GoneProcessDowner : ReceiveActor, IWithTimers
{
    /// <summary>How often a suspect member's lease is tried.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a member whose connection dropped, but that the failure detector still reaches, stays suspect.</summary>
    public static readonly TimeSpan DisassociatedSuspicion = TimeSpan.FromSeconds(5);

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly string _leasePath;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<UniqueAddress, DateTime?> _suspects = [];
    private readonly HashSet<UniqueAddress> _probing = [];
    private readonly HashSet<UniqueAddress> _downed = [];
    private readonly HashSet<UniqueAddress> _alive = []; // said so once per suspicion
    private Akka.Coordination.Lease? _own;

    public GoneProcessDowner(string leasePath)
    {
        _leasePath = leasePath;
        Receive<OwnLease>(OnOwnLease);
        Receive<RetakeOwnLease>(_ => TakeOwnLease());
        Receive<ClusterEvent.UnreachableMember>(e => Suspect(e.Member.UniqueAddress, until: null));
        Receive<ClusterEvent.ReachableMember>(e => Clear(e.Member.UniqueAddress));
        Receive<ClusterEvent.MemberRemoved>(e => Forget(e.Member.UniqueAddress));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<DisassociatedEvent>(OnDisassociated);
        Receive<ProbeDue>(_ => ProbeSuspects());
        Receive<ProbeResult>(OnProbeResult);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props, for the lease config path <paramref name="leasePath"/> (the resolver's lease implementation).</summary>
    public static Props Props(string leasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leasePath);
        return Akka.Actor.Props.Create(() => new GoneProcessDowner(leasePath));
    }

    /// <summary>The liveness lease of the member at <paramref name="member"/>: its address and incarnation.</summary>
    public static string LeaseNameOf(UniqueAddress member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return $"{member.Address.System}-alive-{member.Address.Host}-{member.Address.Port}-{member.Uid}";
    }

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberRemoved));
        Context.System.EventStream.Subscribe<DisassociatedEvent>(Self);
        TakeOwnLease();
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
        _ = _own?.Release(); // also released when the system terminates (HeldWhileOpenLease)
    }

    private void TakeOwnLease()
    {
        var self = Self;
        _own ??= Lease(_cluster.SelfUniqueAddress);
        _own.Acquire(error => self.Tell(new OwnLease(false, error.Message)))
            .ContinueWith(t => new OwnLease(t.IsCompletedSuccessfully && t.Result, t.Exception?.GetBaseException().Message ?? (t.IsCompletedSuccessfully && !t.Result ? "held by another owner" : null)), TaskScheduler.Default)
            .PipeTo(self);
    }

    private void OnOwnLease(OwnLease lease)
    {
        if (!lease.Held)
        {
            // Without it a dropped connection of this node would read as its death: take it again soon.
            _log.Warning("Liveness lease {0} is not held ({1}); trying again in 2 s", LeaseNameOf(_cluster.SelfUniqueAddress), lease.Why);
            Timers.StartSingleTimer("own-lease", RetakeOwnLease.Instance, TimeSpan.FromSeconds(2));
        }
    }

    private void OnDisassociated(DisassociatedEvent e)
    {
        if (_cluster.State.Members.FirstOrDefault(m => m.Address.Equals(e.RemoteAddress)) is { } member)
        {
            Suspect(member.UniqueAddress, DateTime.UtcNow + DisassociatedSuspicion);
        }
    }

    private void Suspect(UniqueAddress member, DateTime? until)
    {
        if (member.Equals(_cluster.SelfUniqueAddress) || _downed.Contains(member))
        {
            return;
        }

        // Unreachable (no deadline) wins over a dropped connection's few seconds.
        _suspects[member] = _suspects.TryGetValue(member, out var known) && known is null ? null : until;
        ProbeSuspects();
        Timers.StartPeriodicTimer("probe", ProbeDue.Instance, ProbeInterval);
    }

    private void ProbeSuspects()
    {
        var now = DateTime.UtcNow;
        foreach (var (member, until) in _suspects.ToArray())
        {
            if (until < now)
            {
                Clear(member);
            }
            else if (_probing.Add(member))
            {
                var lease = Lease(member);
                lease.Acquire()
                    .ContinueWith(t => new ProbeResult(member, lease, t.IsCompletedSuccessfully && t.Result, t.Exception?.GetBaseException().Message), TaskScheduler.Default)
                    .PipeTo(Self);
            }
        }

        if (_suspects.Count == 0)
        {
            Timers.Cancel("probe");
        }
    }

    private void OnProbeResult(ProbeResult result)
    {
        _probing.Remove(result.Member);
        if (!result.Gone)
        {
            if (_suspects.ContainsKey(result.Member) && _alive.Add(result.Member))
            {
                if (result.Failure is null)
                {
                    _log.Info("Member {0} is suspect but its process still holds its liveness lease: left to the split brain resolver", result.Member.Address);
                }
                else
                {
                    _log.Warning("Member {0} is suspect and its liveness lease cannot be tried ({1}): left to the split brain resolver", result.Member.Address, result.Failure);
                }
            }

            return;
        }

        _ = result.Lease.Release();
        if (_suspects.Remove(result.Member) && _downed.Add(result.Member)
            && _cluster.State.Members.FirstOrDefault(m => m.UniqueAddress.Equals(result.Member)) is { Status: not (MemberStatus.Down or MemberStatus.Removed or MemberStatus.Exiting) })
        {
            _log.Warning("Member {0} is gone: its process holds its liveness lease no more; downing it", result.Member.Address);
            _cluster.Down(result.Member.Address);
            // Removal waits until the member is unreachable, which the failure detector says only after seconds. The
            // dead incarnation (its uid) is quarantined instead, which Akka.Cluster takes as terminated at once; a
            // restarted process has another uid.
            ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(result.Member.Address, result.Member.Uid);
        }
    }

    private void Clear(UniqueAddress member)
    {
        _suspects.Remove(member);
        _alive.Remove(member);
    }

    private void Forget(UniqueAddress member)
    {
        Clear(member);
        _downed.Remove(member);
    }

    private Akka.Coordination.Lease Lease(UniqueAddress member) =>
        LeaseProvider.Get(Context.System).GetLease(LeaseNameOf(member), _leasePath, _cluster.SelfAddress.ToString());

    private sealed record OwnLease(bool Held, string? Why);

    private sealed record ProbeResult(UniqueAddress Member, Akka.Coordination.Lease Lease, bool Gone, string? Failure);

    private sealed class ProbeDue
    {
        public static ProbeDue Instance { get; } = new();
    }

    private sealed class RetakeOwnLease
    {
        public static RetakeOwnLease Instance { get; } = new();
    }
}
