using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// Owns the one XMPP connection and serializes every stanza through it, as StatusNet's XMPP output daemon did:
/// 1. <see cref="SendStanza"/> joins the unsent queue; a stanza that can never be sent is rejected at once;
/// 2. a flush (queued behind the sends already in the mailbox, so they batch) writes unsent stanzas in batches
///    of confirm-batch, each followed by a ping; the ping's answer confirms the batch (the server handles a
///    stream in order), and only then does the sender hear <see cref="StanzaSent"/>;
/// 3. when the connection is lost (closed, write failure, ping timeout) unconfirmed stanzas go back to the
///    head of the queue, nothing is dropped, and the actor reconnects with backoff (XmppOutputActor.Connection.cs);
///    a stanza the server got just before the loss is then sent twice (at least once, never lost);
/// 4. server pings are answered by the connection; keepalive pings go out when nothing was written for a while.
/// </summary>
public sealed partial class XmppOutputActor : ReceiveActor, IWithTimers
{
    private readonly XmppSettings settings;
    private readonly IXmppConnector connector;
    private readonly LinkedList<Outgoing> unsent = new();
    private readonly Queue<Outgoing> unconfirmed = new();
    private readonly Queue<(string Id, long Mark)> pings = new();
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private IXmppConnection? connection;
    private bool flushScheduled;
    private long written;
    private long confirmed;
    private long pingSequence;
    private long sentTotal;

    public XmppOutputActor(XmppSettings settings, IXmppConnector connector, ILoggerFactory? loggerFactory = null)
    {
        this.settings = settings;
        this.connector = connector;
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<XmppOutputActor>();
        Receive<SendStanza>(send => Enqueue(send.Stanza));
        ReceiveAsync<Flush>(_ => FlushAsync());
        Receive<ConnectionSignal>(signal => signal.Generation == generation, OnConnectionEvent);
        Receive<ConnectionSignal>(_ => { }); // from a connection already given up
        ReceiveAsync<ConnectNow>(_ => ConnectAsync());
        ReceiveAsync<KeepaliveTick>(_ => KeepaliveAsync());
        Receive<PingTimeout>(_ => PingTimedOut());
        Receive<GetXmppOutputStatus>(_ => Sender.Tell(new XmppOutputStatus(connection is not null, unsent.Count + unconfirmed.Count, sentTotal)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the output; it logs to <paramref name="loggerFactory"/> (none: no log).</summary>
    public static Props Props(XmppSettings settings, IXmppConnector connector, ILoggerFactory? loggerFactory = null) =>
        Akka.Actor.Props.Create(() => new XmppOutputActor(settings, connector, loggerFactory));

    protected override void PreStart() => Self.Tell(ConnectNow.Instance);

    protected override void PostStop()
    {
        stopped = true;
        stopping.Cancel(); // not disposed: a turn still awaiting may read its token
        Drop(connection);
    }

    private void OnConnectionEvent(ConnectionSignal signal)
    {
        switch (signal.Event)
        {
            case XmppIqAnswered pong:
                Confirm(pong.Id);
                break;
            case XmppConnectionClosed closed:
                LoseConnection(closed.Reason);
                break;
        }
    }

    private void Enqueue(XmppStanza stanza)
    {
        if (stanza.Problem(settings.Mode) is { } problem)
        {
            XmppLog.StanzaRejected(logger, stanza.Id, stanza.Site, problem);
            Sender.Tell(new StanzaRejected(stanza.Id, problem));
            return;
        }

        unsent.AddLast(new Outgoing(stanza, Sender));
        if (connection is not null && !flushScheduled)
        {
            flushScheduled = true;
            Self.Tell(Flush.Instance);
        }
    }

    private async Task FlushAsync()
    {
        flushScheduled = false;
        while (connection is { } current && unsent.Count > 0)
        {
            var batch = new List<Outgoing>(Math.Min(settings.ConfirmBatch, unsent.Count));
            while (batch.Count < settings.ConfirmBatch && unsent.First is { } first)
            {
                batch.Add(first.Value);
                unsent.RemoveFirst();
            }

            var pingId = NextPingId();
            try
            {
                await current.SendAsync([.. batch.Select(o => o.Stanza.ToElement(current.StanzaNamespace, From(o.Stanza)))], pingId, stopping.Token);
            }
            catch (XmppException ex)
            {
                for (var i = batch.Count - 1; i >= 0; i--)
                {
                    unsent.AddFirst(batch[i]);
                }

                LoseConnection(ex.Message);
                return;
            }

            foreach (var outgoing in batch)
            {
                unconfirmed.Enqueue(outgoing);
            }

            written += batch.Count;
            wroteSinceKeepalive = true;
            AwaitPing(pingId);
        }
    }

    private void Confirm(string pingId)
    {
        if (!pings.Any(p => p.Id == pingId))
        {
            return; // an answer to someone else's iq
        }

        string id;
        long mark;
        do
        {
            (id, mark) = pings.Dequeue(); // earlier pings are answered by this one too: the stream is ordered
        }
        while (id != pingId);

        failures = 0; // the server answers: the connection works
        while (confirmed < mark && unconfirmed.TryDequeue(out var outgoing))
        {
            confirmed++;
            sentTotal++;
            outgoing.ReplyTo.Tell(new StanzaSent(outgoing.Stanza.Id), Self);
        }

        RestartPingTimeout();
    }

    private string? From(XmppStanza stanza) => settings.Mode == XmppMode.Component ? $"{stanza.Site}@{settings.Domain}" : null;

    private string NextPingId() => "qa-confirm-" + (++pingSequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Outgoing(XmppStanza Stanza, IActorRef ReplyTo);

    private sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }
}
