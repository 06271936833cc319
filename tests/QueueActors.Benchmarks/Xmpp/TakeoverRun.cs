using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using QueueActors.Tests.Host;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Benchmarks.Xmpp;

/// <summary>
/// One takeover: two <c>queueactors run</c> processes with the XMPP output enabled consume a fresh outbox queue
/// (single active consumer; each logs in with a resource of its own, so the receiver sees who sent what);
/// stanzas are published steadily through <see cref="TransportXmppOutbox"/>; once 100 arrived, the node that
/// holds the connection is killed with SIGKILL (or, graceful, stopped with SIGTERM: it drains and hands its
/// unconfirmed stanzas back); once the other one has delivered its first stanza, publishing
/// goes on for 100 more (so the run sees the backlog caught up and the stream steady again), then stops, and the
/// run waits (at most <see cref="Settle"/>) for the rest.
/// </summary>
internal sealed class TakeoverRun : IAsyncDisposable
{
    private const string ConnectedLine = "XMPP connected to";
    private const int Steady = 100;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private readonly XmppBenchServer server;
    private readonly Uri broker;
    private readonly TimeSpan interval;
    private readonly bool graceful;
    private readonly string id = Guid.NewGuid().ToString("N")[..8];
    private readonly string root;
    private readonly Stopwatch clock = new();
    private readonly List<Arrival> arrivals = [];
    private readonly Dictionary<string, NodeProcess> nodes = [];
    private readonly CancellationTokenSource stopSending = new();
    private XmppConnection? receiver;
    private RabbitMqTransport? transport;
    private Task<long>? sending;
    private long published;

    private TakeoverRun(XmppBenchServer server, Uri broker, TimeSpan interval, bool graceful)
    {
        this.server = server;
        this.broker = broker;
        this.interval = interval;
        this.graceful = graceful;
        root = Path.Combine(Path.GetTempPath(), "qa-bench-takeover-" + id);
    }

    private string OutboxQueue => "qa.xmpp-bench-" + id;

    private string StanzaPrefix => "tk-" + id + "-";

    /// <summary>Runs one takeover; on failure prints what the nodes logged.</summary>
    public static async Task<TakeoverResult> MeasureAsync(XmppBenchServer server, Uri broker, TimeSpan interval, bool graceful = false)
    {
        await using var run = new TakeoverRun(server, broker, interval, graceful);
        try
        {
            return await run.RunAsync();
        }
        catch
        {
            foreach (var (resource, node) in run.nodes)
            {
                Console.Error.WriteLine($"--- node {resource} ---\n{node.Output}");
            }

            throw;
        }
    }

    private async Task<TakeoverResult> RunAsync()
    {
        Directory.CreateDirectory(root);
        var secret = Path.Combine(root, "xmpp.secret");
        await File.WriteAllTextAsync(secret, XmppBenchServer.Password);
        await StartNodeAsync("takeover-a", secret);
        await StartNodeAsync("takeover-b", secret);
        receiver = await server.ConnectReceiverAsync(OnMessage);
        transport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(ConfigLoader.Reference, [broker]));
        var outbox = await TransportXmppOutbox.CreateAsync(transport, server.Settings(XmppMode.Client, tls: false) with { OutboxQueue = OutboxQueue });

        clock.Start();
        sending = SendSteadilyAsync(outbox, receiver.Jid);
        await UntilAsync(() => Snapshot().Count >= Steady, $"the first {Steady} stanzas to arrive");
        var activeResource = Snapshot()[0].Resource;
        var standbyResource = nodes.Keys.Single(r => r != activeResource);
        var active = nodes[activeResource];
        if (!active.Output.Contains(ConnectedLine, StringComparison.Ordinal) || nodes[standbyResource].Output.Contains(ConnectedLine, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected only {activeResource} to hold an XMPP connection.");
        }

        var killedAt = clock.Elapsed;
        if (graceful)
        {
            await active.TerminateAsync();
        }
        else
        {
            active.Kill();
        }
        await UntilAsync(() => Snapshot().Exists(a => a.Resource == standbyResource), "the standby node to deliver a stanza");
        var last = Interlocked.Read(ref published) + Steady;
        await UntilAsync(() => Snapshot().Exists(a => a.Resource == standbyResource && a.Sequence >= last), $"the standby node to deliver {Steady} stanzas published after its first");
        await stopSending.CancelAsync();
        var sent = await sending;
        var sendingTime = clock.Elapsed;
        var settled = Stopwatch.StartNew();
        while (Snapshot().Select(a => a.Sequence).Distinct().Count() < sent && settled.Elapsed < Settle)
        {
            await Task.Delay(20); // missing stanzas are a result here, not a failure: wait a bounded while for them
        }

        return TakeoverResult.From(Snapshot(), killedAt, standbyResource, sent, sendingTime);
    }

    public async ValueTask DisposeAsync()
    {
        await stopSending.CancelAsync();
        if (sending is not null)
        {
            await sending.ContinueWith(_ => { }, TaskScheduler.Default); // its failure, if any, was reported already
        }

        foreach (var node in nodes.Values)
        {
            await node.DisposeAsync();
        }

        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }

        if (transport is not null)
        {
            await transport.DisposeAsync();
        }

        stopSending.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private async Task StartNodeAsync(string resource, string secretFile)
    {
        var config = Path.Combine(root, resource + ".conf");
        await File.WriteAllTextAsync(config, $$"""
            queueactors {
              node { name = "{{resource}}-{{id}}", roles = [worker] }
              transport.rabbitmq { servers = ["{{broker}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              processing.dead-letter-dir = "{{Path.Combine(root, resource, "dead")}}"
              shutdown-timeout = 2s
              data-directory = "{{Path.Combine(root, resource, "data")}}"
            }
            queueactors.xmpp {
              enabled = true
              port = {{server.Prosody.ClientPort}}
              domain = "{{ProsodyServer.Domain}}"
              user = "{{XmppBenchServer.Sender}}"
              resource = "{{resource}}"
              secret-file = "{{secretFile}}"
              tls = disabled
              reconnect { min-backoff = 50ms, max-backoff = 500ms }
              outbox.queue = "{{OutboxQueue}}"
            }
            """);
        var node = NodeProcess.Start("run", "--config", config);
        nodes.Add(resource, node);
        await node.WaitForLineAsync(" is up", Wait);
    }

    /// <summary>
    /// Stanza n is due at n × interval after the start; one that falls behind (a publish waiting for its confirm
    /// on a loaded machine) is sent at once, so the rate holds on average. Returns how many went out.
    /// </summary>
    private async Task<long> SendSteadilyAsync(TransportXmppOutbox outbox, string to)
    {
        try
        {
            while (true)
            {
                var sequence = Interlocked.Read(ref published);
                var wait = (interval * sequence) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stopSending.Token);
                }

                stopSending.Token.ThrowIfCancellationRequested();
                var number = sequence.ToString(CultureInfo.InvariantCulture);
                await outbox.SendAsync(new XmppStanza(StanzaPrefix + number, "bench", to, "takeover stanza " + number), CancellationToken.None);
                Interlocked.Increment(ref published);
            }
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
            return Interlocked.Read(ref published);
        }
    }

    private void OnMessage(XElement message)
    {
        var at = clock.Elapsed;
        var stanzaId = (string?)message.Attribute("id");
        var from = (string?)message.Attribute("from") ?? "";
        if (stanzaId is null || !stanzaId.StartsWith(StanzaPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var arrival = new Arrival(long.Parse(stanzaId.AsSpan(StanzaPrefix.Length), CultureInfo.InvariantCulture), from[(from.IndexOf('/', StringComparison.Ordinal) + 1)..], at);
        lock (arrivals)
        {
            arrivals.Add(arrival);
        }
    }

    private List<Arrival> Snapshot()
    {
        lock (arrivals)
        {
            return [.. arrivals];
        }
    }

    private async Task UntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (sending is { IsFaulted: true })
            {
                await sending; // the publisher's exception
            }

            if (waited.Elapsed > Wait)
            {
                throw new TimeoutException($"Gave up after {Wait.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }
}
