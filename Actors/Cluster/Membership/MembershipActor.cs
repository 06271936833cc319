using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// The node's membership (<c>/user/members</c>): every heartbeat-interval it broadcasts this node's signed
/// heartbeat and reviews the view. Members are up while their heartbeats arrive (the control actor hands them
/// over verified), unreachable after failure-detection without one, gone after gone-after without one or at once
/// on a leave message; a heartbeat brings any of them back up. Gone members are forgotten after another
/// gone-after. <see cref="LeaveCluster"/> announces this node's graceful leave. Timestamps come from
/// <see cref="ClusterNodeServices.Time"/>; the heartbeat timer runs on Akka's scheduler.
/// </summary>
public sealed class MembershipActor : ReceiveActor, IWithTimers
{
    private readonly ClusterNodeServices services;
    private readonly ControlPublisher publisher;
    private readonly ILogger logger;
    private readonly FailureStreak heartbeatFailures;
    private readonly CancellationTokenSource stopping = new();
    private bool left;

    public MembershipActor(ClusterNodeServices services)
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        publisher = services.Publisher();
        logger = services.LoggerFactory.CreateLogger<MembershipActor>();
        heartbeatFailures = new FailureStreak(services.Time);

        ReceiveAsync<Tick>(_ => !left, async _ =>
        {
            await HeartbeatAsync();
            Review();
        });
        Receive<Tick>(_ => { });
        Receive<HeartbeatReceived>(heartbeat => !(left && heartbeat.Status.Node == services.Node), heartbeat => Observe(heartbeat.Status));
        Receive<HeartbeatReceived>(_ => { });
        Receive<MemberLeft>(leave => MarkGone(leave.Node));
        ReceiveAsync<LeaveCluster>(async _ =>
        {
            var sender = Sender;
            sender.Tell(new LeftCluster(await LeaveAsync()));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a membership actor (name it <c>members</c>).</summary>
    public static Props Props(ClusterNodeServices services) => Akka.Actor.Props.Create(() => new MembershipActor(services));

    private DateTimeOffset Now => services.Time.GetUtcNow();

    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, services.Settings.HeartbeatInterval);
    }

    protected override void PostStop()
    {
        stopping.Cancel(); // not disposed: a turn still awaiting may read its token
        if (!left)
        {
            // Not stopped through LeaveCluster: announce the leave without waiting, so peers need not time out.
            // Best effort: the transport may be going away too, and a stopping actor has nowhere to report to.
            try
            {
                _ = publisher.PublishAsync(LeaveMessage()).AsTask().ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
            catch (Exception error) when (error is Transport.TransportException or ObjectDisposedException)
            {
                MembershipLog.LeaveFailed(logger, services.Node, error);
            }
        }
    }

    private async Task HeartbeatAsync()
    {
        var status = services.StatusProvider.GetStatus();
        Observe(status);
        try
        {
            await publisher.PublishAsync(new ControlMessage { Kind = ControlMessageKind.Heartbeat, Sender = services.Node, Status = status }, stopping.Token);
            if (heartbeatFailures.Succeeded(out var count, out var since))
            {
                MembershipLog.HeartbeatRecovered(logger, count, since);
            }
        }
        catch (Exception error) when (error is Transport.TransportException or ObjectDisposedException)
        {
            // Once per outage, then a summary now and then, not every interval.
            switch (heartbeatFailures.Failed())
            {
                case FailureStreak.Report.First:
                    MembershipLog.HeartbeatFailed(logger, error);
                    break;
                case FailureStreak.Report.Summary:
                    MembershipLog.HeartbeatStillFailing(logger, heartbeatFailures.Failures, heartbeatFailures.Since, error.Message);
                    break;
            }
        }
    }

    private void Observe(NodeStatus status)
    {
        var now = Now;
        var known = services.Members.Find(status.Node);
        if (known is null || known.State != MemberState.Up)
        {
            MembershipLog.MemberChanged(logger, status.Node, MemberState.Up, string.Join(',', status.Roles), status.Version);
        }

        services.Members.Set(new ClusterMember(status, MemberState.Up, now, known is { State: MemberState.Up } ? known.Since : now));
    }

    private void Review()
    {
        var now = Now;
        var settings = services.Settings;
        foreach (var member in services.Members.Snapshot.Where(m => m.Node != services.Node))
        {
            var silence = now - member.LastHeartbeat;
            switch (member.State)
            {
                case MemberState.Up when silence > settings.FailureDetection:
                    MembershipLog.MemberUnreachable(logger, member.Node, silence);
                    services.Members.Set(member with { State = MemberState.Unreachable, Since = now });
                    break;
                case MemberState.Unreachable when silence > settings.GoneAfter:
                    MarkGone(member.Node);
                    break;
                case MemberState.Gone when now - member.Since > settings.GoneAfter:
                    services.Members.Remove(member.Node);
                    break;
            }
        }
    }

    private void MarkGone(string node)
    {
        if (services.Members.Find(node) is { State: not MemberState.Gone } member)
        {
            MembershipLog.MemberChanged(logger, node, MemberState.Gone, string.Join(',', member.Status.Roles), member.Status.Version);
            services.Members.Set(member with { State = MemberState.Gone, Since = Now });
        }
    }

    private async Task<bool> LeaveAsync()
    {
        if (left)
        {
            return true;
        }

        left = true;
        Timers.Cancel(Tick.Instance);
        MarkGone(services.Node);
        try
        {
            await publisher.PublishAsync(LeaveMessage(), stopping.Token);
            MembershipLog.Left(logger, services.Node, true);
            return true;
        }
        catch (Exception error) when (error is Transport.TransportException or ObjectDisposedException or OperationCanceledException)
        {
            MembershipLog.LeaveFailed(logger, services.Node, error);
            return false;
        }
    }

    private ControlMessage LeaveMessage() => new() { Kind = ControlMessageKind.Leave, Sender = services.Node };

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}
