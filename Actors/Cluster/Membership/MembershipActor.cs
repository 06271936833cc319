using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// The node's membership (<c>/user/node/members</c>): every heartbeat-interval it broadcasts this node's signed
/// heartbeat and reviews the view. Members are up while their heartbeats arrive (the control actor hands them
/// over verified), unreachable after failure-detection without one, gone after gone-after without one or at once
/// on a leave message; a heartbeat brings any of them back up. Gone members are forgotten after another
/// gone-after. <see cref="LeaveCluster"/> announces this node's graceful leave. Time is the actor system's clock.
/// </summary>
public sealed class MembershipActor : ActorBase
{
    private readonly ClusterNodeServices services;
    private readonly ControlPublisher publisher;
    private bool left;
    private FailureStreak heartbeatFailures = null!;

    public MembershipActor(ClusterNodeServices services)
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        publisher = services.Publisher();
    }

    /// <summary>The props of a membership actor (name it <c>members</c> under the node guardian).</summary>
    public static Props Props(ClusterNodeServices services) => Runtime.Props.Create(() => new MembershipActor(services));

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    protected override void PreStart()
    {
        heartbeatFailures = new FailureStreak(Context.System.TimeProvider);
        Self.Tell(Tick.Instance);
        Context.Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, services.Settings.HeartbeatInterval);
    }

    protected override void PostStop()
    {
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
                MembershipLog.LeaveFailed(Context.Log, services.Node, error);
            }
        }
    }

    protected override async ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case Tick when !left:
                await HeartbeatAsync().ConfigureAwait(false);
                Review();
                break;
            case Tick:
                break;
            case HeartbeatReceived heartbeat when !(left && heartbeat.Status.Node == services.Node):
                Observe(heartbeat.Status);
                break;
            case HeartbeatReceived:
                break;
            case MemberLeft leave:
                MarkGone(leave.Node);
                break;
            case LeaveCluster:
                Reply(new LeftCluster(await LeaveAsync().ConfigureAwait(false)));
                break;
            default:
                await Unhandled(message).ConfigureAwait(false);
                break;
        }
    }

    private async Task HeartbeatAsync()
    {
        var status = services.StatusProvider.GetStatus();
        Observe(status);
        try
        {
            await publisher.PublishAsync(new ControlMessage { Kind = ControlMessageKind.Heartbeat, Sender = services.Node, Status = status }, Context.CancellationToken).ConfigureAwait(false);
            if (heartbeatFailures.Succeeded(out var count, out var since))
            {
                MembershipLog.HeartbeatRecovered(Context.Log, count, since);
            }
        }
        catch (Exception error) when (error is Transport.TransportException or ObjectDisposedException)
        {
            // Once per outage, then a summary now and then, not every interval.
            switch (heartbeatFailures.Failed())
            {
                case FailureStreak.Report.First:
                    MembershipLog.HeartbeatFailed(Context.Log, error);
                    break;
                case FailureStreak.Report.Summary:
                    MembershipLog.HeartbeatStillFailing(Context.Log, heartbeatFailures.Failures, heartbeatFailures.Since, error.Message);
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
            MembershipLog.MemberChanged(Context.Log, status.Node, MemberState.Up, string.Join(',', status.Roles), status.Version);
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
                    MembershipLog.MemberUnreachable(Context.Log, member.Node, silence);
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
            MembershipLog.MemberChanged(Context.Log, node, MemberState.Gone, string.Join(',', member.Status.Roles), member.Status.Version);
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
        Context.Timers.Cancel(Tick.Instance);
        MarkGone(services.Node);
        try
        {
            await publisher.PublishAsync(LeaveMessage(), Context.CancellationToken).ConfigureAwait(false);
            MembershipLog.Left(Context.Log, services.Node, true);
            return true;
        }
        catch (Exception error) when (error is Transport.TransportException or ObjectDisposedException or OperationCanceledException)
        {
            MembershipLog.LeaveFailed(Context.Log, services.Node, error);
            return false;
        }
    }

    private ControlMessage LeaveMessage() => new() { Kind = ControlMessageKind.Leave, Sender = services.Node };

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}
