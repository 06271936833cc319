using System.Text;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>
/// What reaches the channel without a valid signature changes nothing and is logged once. Each test ends by
/// sending one valid command after the bad ones: the topic keeps a publisher's order, so once the valid one is
/// handled the bad ones have been seen.
/// </summary>
public sealed class RejectedMessageTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    private const string Ping = "test ping";

    [Fact]
    public async Task Unsigned_forged_and_stale_commands_reach_no_handler_and_are_each_logged_once()
    {
        var handler = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", handlers: handler);
        var forger = new CommandSigner(new Secret("another-secret-of-enough-length"));
        var past = new ManualTimeProvider(); // 2026-01-01: far older than the 30 s max age
        var staleSigner = new CommandSigner(new Secret(SecretText), past);

        Publish(ControlWire.Wrap(Body("unsigned"), null));
        Publish(ControlWire.Seal(Request("forged"), forger));
        Publish(ControlWire.Seal(Request("stale"), staleSigner));
        Publish(Encoding.UTF8.GetBytes("{not json"));
        Publish(ControlWire.Seal(Request("valid"), Signer));

        await AwaitConditionAsync(() => handler.Requests.Count == 1);
        Assert.Equal("valid", Assert.Single(handler.Requests).CorrelationId);
        var warnings = Logs.AtLeast(LogLevel.Warning);
        Assert.Collection(
            warnings,
            e => Assert.Contains("(Unsigned)", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("(Forged)", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("(Stale)", e.Message, StringComparison.Ordinal),
            e => Assert.Equal(6302, e.EventId.Id));
    }

    [Fact]
    public async Task Copies_of_one_command_from_several_servers_are_handled_once_with_one_debug_line_and_no_warning()
    {
        var handler = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", handlers: handler);
        var wire = ControlWire.Seal(Request("once"), Signer);

        for (var copy = 0; copy < 3; copy++)
        {
            Publish(wire);
        }

        Publish(ControlWire.Seal(Request("next"), Signer));

        await AwaitConditionAsync(() => handler.Requests.Count == 2);
        Assert.Equal(["once", "next"], handler.Requests.Select(r => r.CorrelationId));
        Assert.Empty(Logs.AtLeast(LogLevel.Warning));
        Assert.Single(Logs.Entries, e => e.EventId.Id == 6301);
    }

    [Fact]
    public async Task A_replay_of_a_signed_command_in_a_new_envelope_is_rejected_and_logged_once()
    {
        var handler = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", handlers: handler);
        var body = Body("original");
        var headers = Signer.Sign(Encoding.UTF8.GetBytes(body)).ToHeaders();
        Publish(ControlWire.Wrap(body, headers));

        // The same body and signature, re-encoded (headers reversed): not a byte copy, so the verifier sees it.
        var reordered = headers.Reverse().ToDictionary(h => h.Key, h => h.Value);
        Publish(ControlWire.Wrap(body, reordered));
        Publish(ControlWire.Wrap(body, reordered));
        Publish(ControlWire.Seal(Request("next"), Signer));

        await AwaitConditionAsync(() => handler.Requests.Count == 2);
        Assert.Equal(["original", "next"], handler.Requests.Select(r => r.CorrelationId));
        Assert.Contains("(Replayed)", Assert.Single(Logs.AtLeast(LogLevel.Warning)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_reply_is_not_taken_by_the_client_and_is_logged()
    {
        await StartNodeAsync("node-a");
        var forger = new CommandSigner(new Secret("another-secret-of-enough-length"));
        var impostor = FirstNode.ActorOf(Props.Create(() => new Impostor(forger)));
        DistributedPubSub.Get(FirstNode).Mediator.Tell(new Subscribe(Settings.ControlChannel, impostor), TestActor);
        ExpectMsg<SubscribeAck>();
        var client = await ConnectClientAsync();

        // Addressed to no node: the only answer is the impostor's, sent the moment the request appears.
        var result = await client.SendAsync(new ControlCall(Ping) { TargetNode = "nobody", Timeout = TimeSpan.FromSeconds(2) });

        Assert.True(result.TimedOut);
        Assert.Empty(result.Responses);
        Assert.Contains(Logs.Entries, e => e.Message.Contains("(Forged)", StringComparison.Ordinal) && e.Category == "verifier.client");
    }

    private static ControlMessage Request(string correlationId) => new()
    {
        Kind = ControlMessageKind.Request,
        Sender = "ctl-test",
        Command = Ping,
        CorrelationId = correlationId,
    };

    private static string Body(string correlationId) => JsonSerializer.Serialize(Request(correlationId), ControlWire.Json);

    /// <summary>Answers every request on the topic with a reply signed with the wrong secret.</summary>
    private sealed class Impostor : ReceiveActor
    {
        public Impostor(CommandSigner forger) => Receive<ControlEnvelope>(envelope =>
        {
            if (ControlWire.TryOpen(envelope.Wire, out var opened, out _) && opened!.Message is { Kind: ControlMessageKind.Request } request)
            {
                var fake = new ControlMessage { Kind = ControlMessageKind.Reply, Sender = "impostor", CorrelationId = request.CorrelationId, ReplyTo = request.ReplyTo, ExitCode = 0, Text = "fake", Served = true, Expected = 1 };
                Sender.Tell(new ControlEnvelope(ControlWire.Seal(fake, forger)));
            }
        });
    }
}
