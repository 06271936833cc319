using Akka.Actor;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// The output's connection life: connect (retried with backoff), lose (stanzas kept), keepalive, ping timeout.
/// Each connection gets a generation number; what an old connection still reports is ignored.
/// The back-off is a timer of this actor, not Akka's <c>BackoffSupervisor</c>: that one restarts a child that
/// failed, and a restart would lose the stanzas this actor keeps across connections.
/// </summary>
public sealed partial class XmppOutputActor
{
    private int generation;
    private int failures; // connect failures and losses since the server last answered a ping
    private bool wroteSinceKeepalive;
    private volatile bool stopped; // read by the connection's callback: this instance stopped (or was replaced by a restart)

    private async Task ConnectAsync()
    {
        if (connection is not null)
        {
            return;
        }

        var connectionGeneration = ++generation;
        var self = Self;
        try
        {
            connection = await connector.ConnectAsync(
                e =>
                {
                    if (!stopped && e is not XmppStanzaReceived)
                    {
                        self.Tell(new ConnectionSignal(connectionGeneration, e));
                    }
                },
                stopping.Token);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // Whatever kept us from connecting (refused, timed out, login refused, a bad host name) is retried:
            // failing the actor instead would restart it empty-handed and lose the stanzas it keeps.
            var delay = settings.ReconnectDelay(failures++, Random.Shared.NextDouble());
            XmppLog.ConnectFailed(logger, ex, failures, settings.Host, settings.Port, delay);
            Timers.StartSingleTimer(ConnectNow.Instance, ConnectNow.Instance, delay);
            return;
        }

        written = confirmed = 0;
        Context.System.EventStream.Publish(new XmppConnected(connection.Jid));
        Timers.StartPeriodicTimer(KeepaliveTick.Instance, KeepaliveTick.Instance, settings.KeepaliveInterval);
        await FlushAsync();
    }

    private void LoseConnection(string reason)
    {
        Drop(connection);
        connection = null;
        generation++;
        foreach (var outgoing in unconfirmed.Reverse())
        {
            unsent.AddFirst(outgoing);
        }

        var resent = unconfirmed.Count;
        unconfirmed.Clear();
        pings.Clear();
        Timers.Cancel(PingTimeout.Instance);
        Timers.Cancel(KeepaliveTick.Instance);
        var delay = settings.ReconnectDelay(failures++, Random.Shared.NextDouble()); // a flapping connection backs off too
        XmppLog.ConnectionLost(logger, reason, resent, unsent.Count - resent, delay);
        Context.System.EventStream.Publish(new XmppDisconnected(reason));
        Timers.StartSingleTimer(ConnectNow.Instance, ConnectNow.Instance, delay);
    }

    private async Task KeepaliveAsync()
    {
        var idle = !wroteSinceKeepalive;
        wroteSinceKeepalive = false;
        if (connection is not { } current || !idle || pings.Count > 0)
        {
            return;
        }

        var pingId = NextPingId();
        try
        {
            await current.SendAsync([], pingId, stopping.Token);
        }
        catch (XmppException ex)
        {
            LoseConnection(ex.Message);
            return;
        }

        AwaitPing(pingId);
    }

    /// <summary>Records a ping just written (behind stanzas or alone): its answer confirms everything written so far.</summary>
    private void AwaitPing(string pingId)
    {
        pings.Enqueue((pingId, written));
        if (!Timers.IsTimerActive(PingTimeout.Instance))
        {
            Timers.StartSingleTimer(PingTimeout.Instance, PingTimeout.Instance, settings.PingTimeout);
        }
    }

    /// <summary>After an answer: the next outstanding ping gets a full timeout of its own.</summary>
    private void RestartPingTimeout()
    {
        if (pings.Count == 0)
        {
            Timers.Cancel(PingTimeout.Instance);
        }
        else
        {
            Timers.StartSingleTimer(PingTimeout.Instance, PingTimeout.Instance, settings.PingTimeout);
        }
    }

    private void PingTimedOut()
    {
        if (connection is null || !pings.TryPeek(out var oldest))
        {
            return;
        }

        XmppLog.PingTimedOut(logger, oldest.Id, settings.PingTimeout);
        LoseConnection($"ping {oldest.Id} unanswered for {settings.PingTimeout}");
    }

    private static void Drop(IXmppConnection? old) => old?.Abort();

    private sealed record ConnectionSignal(int Generation, XmppConnectionEvent Event);

    private sealed record ConnectNow
    {
        public static ConnectNow Instance { get; } = new();
    }

    private sealed record KeepaliveTick
    {
        public static KeepaliveTick Instance { get; } = new();
    }

    private sealed record PingTimeout
    {
        public static PingTimeout Instance { get; } = new();
    }
}
