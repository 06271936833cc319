using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>
/// The transport's door into the cluster: what a script broadcasts on the transport's control channel reaches the nodes
/// through the relay, once, and their replies come back on the channel; what is not correctly signed stops at the relay.
/// </summary>
public sealed class ControlRelayTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    private const string Ping = "test ping";
    private readonly InMemoryTransport transport = new();

    [Fact]
    public async Task A_signed_command_on_the_transport_reaches_every_node_once_and_the_replies_come_back_on_the_transport()
    {
        var handlerA = new RecordingHandler(Ping);
        var handlerB = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", [NodeSettings.SeedRole], handlers: handlerA);
        await StartNodeAsync("node-b", handlers: handlerB);
        await StartRelayAsync(transport);
        await using var client = await TransportClientAsync();

        var result = await client.SendAsync(new ControlCall(Ping) { Mode = ReplyMode.All });

        Assert.False(result.TimedOut);
        Assert.Equal(["node-a", "node-b"], result.Served.Select(r => r.Node).Order());
        Assert.Single(handlerA.Requests);
        Assert.Single(handlerB.Requests);
    }

    [Fact]
    public async Task Unsigned_forged_stale_and_replayed_commands_on_the_transport_stop_at_the_relay_each_logged_once()
    {
        var handler = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", [NodeSettings.SeedRole], handlers: handler);
        await StartRelayAsync(transport);
        var forger = new CommandSigner(new Secret("another-secret-of-enough-length"));
        var stale = new CommandSigner(new Secret(SecretText), new TestKit.ManualTimeProvider()); // 2026-01-01: far older than max-age
        var body = JsonSerializer.Serialize(Request("original"), ControlWire.Json);
        var headers = Signer.Sign(Encoding.UTF8.GetBytes(body)).ToHeaders();

        await BroadcastAsync(ControlWire.Wrap(JsonSerializer.Serialize(Request("unsigned"), ControlWire.Json), null));
        await BroadcastAsync(ControlWire.Seal(Request("forged"), forger));
        await BroadcastAsync(ControlWire.Seal(Request("stale"), stale));
        await BroadcastAsync(ControlWire.Wrap(body, headers));
        await BroadcastAsync(ControlWire.Wrap(body, headers.Reverse().ToDictionary(h => h.Key, h => h.Value))); // a replay, re-encoded
        await BroadcastAsync(ControlWire.Seal(Request("next"), Signer));

        await AwaitConditionAsync(() => handler.Requests.Count == 2);
        Assert.Equal(["original", "next"], handler.Requests.Select(r => r.CorrelationId));
        var warnings = Logs.AtLeast(LogLevel.Warning);
        Assert.All(warnings, w => Assert.Equal("relay", w.Category));
        Assert.Equal(["(Unsigned)", "(Forged)", "(Stale)", "(Replayed)"], warnings.Select(w => w.Message[w.Message.IndexOf('(', StringComparison.Ordinal)..(w.Message.IndexOf(')', StringComparison.Ordinal) + 1)]));
    }

    [Fact]
    public async Task A_relay_whose_first_subscription_fails_subscribes_again_and_then_relays()
    {
        var handler = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", [NodeSettings.SeedRole], handlers: handler);
        var failingFirst = new FailingFirstSubscription(transport);
        FirstNode.ActorOf(ControlRelay.Props(failingFirst, Settings, Verifier(), "node-a", TimeProvider.System, LoggerFactory.CreateLogger("relay")));

        await Logs.ExpectAsync(e => e.EventId.Id == 6309);
        await Logs.ExpectAsync(e => e.EventId.Id == 6311, TimeSpan.FromSeconds(10));
        await using var client = await TransportClientAsync();
        Assert.Equal("node-a", Assert.Single((await client.SendAsync(new ControlCall(Ping))).Served).Node);
        Assert.Equal(2, failingFirst.Attempts);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await transport.DisposeAsync();
    }

    private async Task StartRelayAsync(IBroadcast broadcast)
    {
        FirstNode.ActorOf(ControlRelay.Props(broadcast, Settings, Verifier(), "node-a", TimeProvider.System, LoggerFactory.CreateLogger("relay")));
        await Logs.ExpectAsync(e => e.EventId.Id == 6311);
    }

    private CommandVerifier Verifier() => new(new Secret(SecretText), Settings.Signing.MaxAge, null, LoggerFactory.CreateLogger("relay"));

    private Task<ControlClient> TransportClientAsync() => ControlClient.ConnectAsync(
        new BroadcastControlRoute(transport, Settings.ControlChannel), Settings, Signer, new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge));

    private ValueTask BroadcastAsync(byte[] wire) => transport.BroadcastAsync(Settings.ControlChannel, wire);

    private static ControlMessage Request(string correlationId) => new() { Kind = ControlMessageKind.Request, Sender = "script", Command = Ping, CorrelationId = correlationId };

    private sealed class FailingFirstSubscription(IBroadcast inner) : IBroadcast
    {
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public ValueTask BroadcastAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
            inner.BroadcastAsync(channel, message, cancellationToken);

        public Task<IAsyncDisposable> SubscribeBroadcastAsync(string channel, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onMessage, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref attempts) == 1
                ? throw new TransportException("no server is up")
                : inner.SubscribeBroadcastAsync(channel, onMessage, cancellationToken);
    }
}
