using System.Diagnostics;
using QueueActors.Actors.Xmpp;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Xmpp;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Xmpp;

/// <summary>
/// Two worker processes on one broker with the XMPP output enabled: only the node the outbox queue made active
/// connects; after it is killed with SIGKILL the other one takes the queue and the connection, and every stanza
/// reaches the receiving client exactly once (killed while stanzas flow: at least once, those in flight at most
/// twice); after it stops gracefully while stanzas flow, it closes its connection
/// before the other one connects, and every stanza arrives, the ones in flight at most twice.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class XmppTakeoverTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ConnectedLine = "XMPP connected to";
    private const string ClosedLine = "XMPP connection to"; // "XMPP connection to <host>:<port> closed: <reason>"
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "qa-xmpp-takeover-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<WorkerProcess> _nodes = [];
    private ProsodyServer? _prosody;

    private string OutboxQueue => "qa.xmpp-" + _id;

    [Fact]
    public async Task Killing_the_node_that_holds_the_connection_moves_it_and_every_stanza_arrives_once()
    {
        await using var pair = await StartPairAsync(before: 100);
        var (receiver, outbox, first, second) = (pair.Receiver, pair.Outbox, pair.First, pair.Second);
        Assert.DoesNotContain(ConnectedLine, second.Output); // the standby holds no connection
        await AwaitAllAckedAsync(); // so that the kill cannot leave a sent but unconfirmed stanza behind

        var killed = Stopwatch.StartNew();
        first.KillHard();
        await first.WaitForExitAsync();
        await SendAsync(outbox, receiver.Jid, "after", 100);
        var afterKill = await receiver.ExpectMessagesAsync(100, "after-");
        output.WriteLine($"XMPP output moved: first stanza after SIGKILL arrived in {killed.ElapsedMilliseconds} ms (all 100 by then: {afterKill.Count})");

        await AwaitLineAsync(second, ConnectedLine);
        await receiver.ExpectNoMoreAsync("before-", TimeSpan.FromMilliseconds(500));
        await receiver.ExpectNoMoreAsync("after-", TimeSpan.FromMilliseconds(1));
        Assert.Equal(100, afterKill.Select(XmppTestClient.Body).Distinct().Count());
    }

    [Fact]
    public async Task Killing_the_holder_while_stanzas_flow_loses_none_and_sends_only_those_in_flight_twice()
    {
        await using var pair = await StartPairAsync(before: 20);
        var (receiver, outbox, first, second) = (pair.Receiver, pair.Outbox, pair.First, pair.Second);

        var sending = SendAsync(outbox, receiver.Jid, "during", 200);
        var early = await receiver.ExpectMessagesAsync(20, "during-"); // the holder is sending: the kill catches some in flight
        first.KillHard();
        await sending;
        var received = await ReceiveDistinctAsync(receiver, "during-", 200, [.. early.Select(XmppTestClient.Body)]);

        var duplicates = received.Count - 200;
        output.WriteLine($"200 stanzas across a SIGKILL: {duplicates} received twice (in flight at the kill)");
        await AwaitLineAsync(second, ConnectedLine);
        Assert.InRange(duplicates, 0, pair.Settings.OutboxPrefetch); // at least once: only what the killed node held...
        Assert.All(received.GroupBy(body => body), stanza => Assert.InRange(stanza.Count(), 1, 2)); // ...at most twice
    }

    [Fact]
    public async Task A_node_that_stops_gracefully_closes_its_connection_before_the_other_connects_and_every_stanza_arrives()
    {
        await using var pair = await StartPairAsync(before: 20);
        var (receiver, outbox, first, second) = (pair.Receiver, pair.Outbox, pair.First, pair.Second);

        var sending = SendAsync(outbox, receiver.Jid, "during", 200);
        await first.TerminateAsync();
        await sending;
        var received = await ReceiveDistinctAsync(receiver, "during-", 200);

        await first.WaitForExitAsync().WaitAsync(Wait);
        var duplicates = received.Count - 200;
        output.WriteLine($"200 stanzas across a graceful stop: {duplicates} received twice (in flight at the stop)");
        Assert.Equal(0, first.ExitCode);
        await AwaitLineAsync(second, ConnectedLine);
        Assert.InRange(duplicates, 0, pair.Settings.OutboxPrefetch); // at least once: only what the stopping node held...
        Assert.All(received.GroupBy(body => body), stanza => Assert.InRange(stanza.Count(), 1, 2)); // ...at most twice
        Assert.True(
            LoggedAt(first.Output, ClosedLine) <= LoggedAt(second.Output, ConnectedLine),
            $"the second node connected before the first closed its connection:\n{first.Output}\n{second.Output}");
    }

    /// <summary>
    /// A receiving client, the outbox on the broker and two nodes; returns once <paramref name="before"/> stanzas have
    /// arrived and the first node says it holds the connection (the line is logged asynchronously: it may follow them).
    /// </summary>
    private async Task<NodePair> StartPairAsync(int before)
    {
        var receiver = await XmppTestClient.ReceiverAsync(_prosody!);
        var transport = await Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        var settings = XmppTestSettings.Client(_prosody!, ProsodyFixture.Sender) with { OutboxQueue = OutboxQueue };
        var pair = new NodePair(receiver, transport, settings, await TransportXmppOutbox.CreateAsync(transport, settings), await StartNodeAsync(), await StartNodeAsync());
        await SendAsync(pair.Outbox, receiver.Jid, "before", before);
        await receiver.ExpectMessagesAsync(before, "before-");
        await AwaitLineAsync(pair.First, ConnectedLine);
        return pair;
    }

    private static Task AwaitLineAsync(WorkerProcess node, string text) =>
        AwaitCondition.UntilAsync(() => node.Output.Contains(text, StringComparison.Ordinal), Wait, $"node {node.Id} to log '{text}'");

    /// <summary>The bodies of the messages starting with <paramref name="prefix"/>, duplicates included, until <paramref name="distinct"/> different ones came (counting those <paramref name="already"/> received).</summary>
    private static async Task<List<string>> ReceiveDistinctAsync(XmppTestClient receiver, string prefix, int distinct, List<string>? already = null)
    {
        var received = already ?? [];
        var seen = new HashSet<string>(received, StringComparer.Ordinal);
        while (seen.Count < distinct)
        {
            var body = XmppTestClient.Body((await receiver.ExpectMessagesAsync(1, prefix))[0]);
            received.Add(body);
            seen.Add(body);
        }

        return received;
    }

    /// <summary>When the first line of <paramref name="output"/> that contains <paramref name="text"/> was logged (the node's console timestamps, one clock: one machine).</summary>
    private static TimeSpan LoggedAt(string output, string text)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no line with '{text}' in:\n{output}");
        return TimeSpan.ParseExact(line.Trim()[..12], @"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task InitializeAsync()
    {
        _prosody = await ProsodyServer.StartNewAsync((ProsodyFixture.Sender, ProsodyFixture.SenderPassword), (ProsodyFixture.Receiver, ProsodyFixture.ReceiverPassword));
        Directory.CreateDirectory(_root);
        var secret = Path.Combine(_root, "xmpp.secret");
        await File.WriteAllTextAsync(secret, ProsodyFixture.SenderPassword);
        await File.WriteAllTextAsync(Path.Combine(_root, "node.conf"), $$"""
            queueactors {
              transport.rabbitmq { servers = ["{{brokers.Primary.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              processing.dead-letter-dir = "{{Path.Combine(_root, "dead")}}"
              shutdown-timeout = 2s
              data-directory = "{{Path.Combine(_root, "data")}}"
            }
            queueactors.xmpp {
              enabled = true
              port = {{_prosody.ClientPort}}
              domain = "{{ProsodyServer.Domain}}"
              user = "{{ProsodyFixture.Sender}}"
              secret-file = "{{secret}}"
              tls = disabled
              reconnect { min-backoff = 50ms, max-backoff = 500ms }
              outbox.queue = "{{OutboxQueue}}"
            }
            """);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            output.WriteLine($"--- node {node.Id} ---\n{node.Output}");
            await node.DisposeAsync();
        }

        if (_prosody is not null)
        {
            await _prosody.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private static async Task SendAsync(TransportXmppOutbox outbox, string to, string prefix, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await outbox.SendAsync(new XmppStanza($"{prefix}-{i}-{Guid.NewGuid():N}", "site-" + (i % 3), to, $"{prefix}-{i}"));
        }
    }

    private async Task<WorkerProcess> StartNodeAsync()
    {
        // Each process its own node name: one name on one data directory is one process (its handling journal).
        var name = new Dictionary<string, string> { ["QUEUEACTORS_NODE_NAME"] = "xmpp-node-" + (_nodes.Count + 1) };
        var node = WorkerProcess.Start(Path.Combine(_root, "node.conf"), "xmpp-idle-" + _id, Path.Combine(_root, "out"), name);
        _nodes.Add(node);
        await AwaitCondition.UntilAsync(() => node.Output.Contains(" is up", StringComparison.Ordinal) || node.HasExited, Wait, "the node to start");
        Assert.False(node.HasExited, $"node {node.Id} exited at start:\n{node.Output}");
        return node;
    }

    private async Task AwaitAllAckedAsync()
    {
        await AwaitCondition.UntilAsync(
            async () => (await brokers.Primary.CtlAsync("list_queues", "name", "messages_unacknowledged")).Split('\n').Any(line => line.StartsWith(OutboxQueue + "\t0", StringComparison.Ordinal)),
            Wait,
            "every stanza of the outbox to be acknowledged");
    }

    /// <summary>What <see cref="StartPairAsync"/> sets up; disposing closes the client and the broker connection (the nodes stop with the test).</summary>
    private sealed record NodePair(XmppTestClient Receiver, Actors.Transport.RabbitMq.RabbitMqTransport Transport, XmppSettings Settings, TransportXmppOutbox Outbox, WorkerProcess First, WorkerProcess Second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Receiver.DisposeAsync();
            await Transport.DisposeAsync();
        }
    }
}
