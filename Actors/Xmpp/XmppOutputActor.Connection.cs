using QueueActors.Actors.Runtime;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// The output's connection life: connect (retried with backoff), lose (stanzas kept), keepalive, ping timeout.
/// Each connection gets a generation number; what an old connection still reports is ignored.
/// </summary>
public sealed partial class XmppOutputActor
{
    private int generation;
    private int failures; // connect failures and losses since the server last answered a ping
    private bool wroteSinceKeepalive;
    private volatile bool stopped; // read by the connection's callback: this instance stopped (or was replaced by a restart)

    private async ValueTask ConnectAsync()
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
                Context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!Context.CancellationToken.IsCancellationRequested)
        {
            // Whatever kept us from connecting (refused, timed out, login refused, a bad host name) is retried:
            // failing the actor instead would restart it empty-handed and lose the stanzas it keeps.
            var delay = settings.ReconnectDelay(failures++, Random.Shared.NextDouble());
            XmppLog.ConnectFailed(Context.Log, ex, failures, settings.Host, settings.Port, delay);
            Context.Timers.StartSingleTimer(ConnectNow.Instance, ConnectNow.Instance, delay);
            return;
        }

        written = confirmed = 0;
        Context.System.EventStream.Publish(new XmppConnected(connection.Jid));
        Context.Timers.StartPeriodicTimer(KeepaliveTick.Instance, KeepaliveTick.Instance, settings.KeepaliveInterval);
        await FlushAsync().ConfigureAwait(false);
    }

    private ValueTask LoseConnection(string reason)
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
        Context.Timers.Cancel(PingTimeout.Instance);
        Context.Timers.Cancel(KeepaliveTick.Instance);
        var delay = settings.ReconnectDelay(failures++, Random.Shared.NextDouble()); // a flapping connection backs off too
        XmppLog.ConnectionLost(Context.Log, reason, resent, unsent.Count - resent, delay);
        Context.System.EventStream.Publish(new XmppDisconnected(reason));
        Context.Timers.StartSingleTimer(ConnectNow.Instance, ConnectNow.Instance, delay);
        return ValueTask.CompletedTask;
    }

    private async ValueTask KeepaliveAsync()
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
            await current.SendAsync([], pingId, Context.CancellationToken).ConfigureAwait(false);
        }
        catch (XmppException ex)
        {
            await LoseConnection(ex.Message).ConfigureAwait(false);
            return;
        }

        AwaitPing(pingId);
    }

    /// <summary>Records a ping just written (behind stanzas or alone): its answer confirms everything written so far.</summary>
    private void AwaitPing(string pingId)
    {
        pings.Enqueue((pingId, written));
        if (!Context.Timers.IsTimerActive(PingTimeout.Instance))
        {
            Context.Timers.StartSingleTimer(PingTimeout.Instance, PingTimeout.Instance, settings.PingTimeout);
        }
    }

    /// <summary>After an answer: the next outstanding ping gets a full timeout of its own.</summary>
    private void RestartPingTimeout()
    {
        if (pings.Count == 0)
        {
            Context.Timers.Cancel(PingTimeout.Instance);
        }
        else
        {
            Context.Timers.StartSingleTimer(PingTimeout.Instance, PingTimeout.Instance, settings.PingTimeout);
        }
    }

    private ValueTask PingTimedOut()
    {
        if (connection is null || !pings.TryPeek(out var oldest))
        {
            return ValueTask.CompletedTask;
        }

        XmppLog.PingTimedOut(Context.Log, oldest.Id, settings.PingTimeout);
        return LoseConnection($"ping {oldest.Id} unanswered for {settings.PingTimeout}");
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
