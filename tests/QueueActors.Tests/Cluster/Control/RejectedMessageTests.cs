using System.Text;
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
/// sending one valid command after the bad ones: the channel keeps a publisher's order, so once the valid one is
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

        await BroadcastAsync(ControlWire.Wrap(Body("unsigned"), null));
        await BroadcastAsync(ControlWire.Seal(Request("forged"), forger));
        await BroadcastAsync(ControlWire.Seal(Request("stale"), staleSigner));
        await BroadcastAsync(Encoding.UTF8.GetBytes("{not json"));
        await BroadcastAsync(ControlWire.Seal(Request("valid"), Signer));

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
            await BroadcastAsync(wire);
        }

        await BroadcastAsync(ControlWire.Seal(Request("next"), Signer));

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
        await BroadcastAsync(ControlWire.Wrap(body, headers));

        // The same body and signature, re-encoded (headers reversed): not a byte copy, so the verifier sees it.
        var reordered = headers.Reverse().ToDictionary(h => h.Key, h => h.Value);
        await BroadcastAsync(ControlWire.Wrap(body, reordered));
        await BroadcastAsync(ControlWire.Wrap(body, reordered));
        await BroadcastAsync(ControlWire.Seal(Request("next"), Signer));

        await AwaitConditionAsync(() => handler.Requests.Count == 2);
        Assert.Equal(["original", "next"], handler.Requests.Select(r => r.CorrelationId));
        Assert.Contains("(Replayed)", Assert.Single(Logs.AtLeast(LogLevel.Warning)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_reply_is_not_taken_by_the_client_and_is_logged()
    {
        var client = await ConnectClientAsync();
        var forger = new CommandSigner(new Secret("another-secret-of-enough-length"));

        // No node runs: the only answer is a forger's, sent the moment the request appears.
        await using var impostor = await Transport.SubscribeBroadcastAsync(Settings.ControlChannel, async (wire, ct) =>
        {
            if (ControlWire.TryOpen(wire, out var opened, out _) && opened!.Message is { Kind: ControlMessageKind.Request } request)
            {
                var fake = new ControlMessage { Kind = ControlMessageKind.Reply, Sender = "impostor", CorrelationId = request.CorrelationId, ReplyTo = request.ReplyTo, ExitCode = 0, Text = "fake", Served = true };
                await Transport.BroadcastAsync(Settings.ControlChannel, ControlWire.Seal(fake, forger), ct);
            }
        });

        var result = await client.SendAsync(new ControlCall(Ping) { Timeout = TimeSpan.FromSeconds(2) });

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

    private ValueTask BroadcastAsync(byte[] wire) => Transport.BroadcastAsync(Settings.ControlChannel, wire);
}
