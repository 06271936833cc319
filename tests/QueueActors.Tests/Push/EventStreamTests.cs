using System.Net;
using Akka.Actor;
using System.Text.Json;
using QueueActors.Actors.Push;
using Xunit;

namespace QueueActors.Tests.Push;

/// <summary><c>/push/sse</c> on one node, with real HTTP clients: ids, Last-Event-ID, channels, heartbeats, the token gate.</summary>
[Trait("Category", "Integration")]
[Collection(PushNodeCollection.Name)]
public sealed class EventStreamTests(PushNode node)
{
    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_exactly_the_events_it_missed_in_order()
    {
        using var http = node.Client();
        var channel = PushChannel.Topic("sse", "reconnect " + Guid.NewGuid().ToString("N")[..6]);
        var path = "/push/sse?channel=" + Uri.EscapeDataString(channel.Name);
        string lastId;
        await using (var client = await SseClient.ConnectAsync(http, path, channels: channel.Name))
        {
            await node.Push.PushAsync(channel, "note", new { n = 1 });
            var first = await client.NextAsync();
            Assert.Equal(("note", """{"n":1}"""), (first.Type, first.Data));
            Assert.NotEmpty(first.Id);
            lastId = first.Id;
        }

        for (var n = 2; n <= 4; n++)
        {
            await node.Push.PushAsync(channel, "note", new { n });
        }

        await using var again = await SseClient.ConnectAsync(http, path, lastId, channel.Name);
        await node.Push.PushAsync(channel, "note", new { n = 5 });
        var got = new List<SseEvent>();
        for (var n = 2; n <= 5; n++)
        {
            got.Add(await again.NextAsync());
        }

        Assert.Equal([2, 3, 4, 5], got.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("n").GetInt32()));
        Assert.Equal(4, got.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Last_Event_ID_also_works_as_a_query_parameter_and_an_id_no_longer_held_gets_a_reset()
    {
        using var http = node.Client();
        var channel = PushChannel.Site("reset-" + Guid.NewGuid().ToString("N")[..6]);
        var stale = new PushCursor();
        stale.Set(channel.Name, new PushPosition(1, 7)); // an epoch this owner never had: its owner restarted since
        var path = $"/push/sse?channel={channel.Name}&lastEventId={Uri.EscapeDataString(stale.ToString())}";

        await using var client = await SseClient.ConnectAsync(http, path, channels: channel.Name);
        var reset = await client.NextAsync();
        Assert.Equal(PushEventType.Reset, reset.Type);
        Assert.Equal(channel.Name, JsonDocument.Parse(reset.Data).RootElement.GetProperty("channel").GetString());

        await node.Push.PushAsync(channel, "after-reset", "x");
        Assert.Equal("after-reset", (await client.NextAsync()).Type);
    }

    [Fact]
    public async Task A_client_of_one_site_sees_none_of_another_sites_events()
    {
        using var http = node.Client();
        var tag = Guid.NewGuid().ToString("N")[..6];
        PushChannel one = PushChannel.Site("one-" + tag), two = PushChannel.Site("two-" + tag);
        await using var ofOne = await SseClient.ConnectAsync(http, "/push/sse?channel=" + one.Name, channels: one.Name);
        await using var ofTwo = await SseClient.ConnectAsync(http, "/push/sse?channel=" + two.Name, channels: two.Name);

        await node.Push.PushAsync(two, "for-two", 2);
        Assert.Equal("for-two", (await ofTwo.NextAsync()).Type); // delivered, to its own client
        await node.Push.PushAsync(one, "for-one", 1);

        Assert.Equal(("for-one", "1"), ((await ofOne.NextAsync()) is var e ? (e.Type, e.Data) : default));
    }

    [Fact]
    public async Task One_stream_follows_several_channels_and_an_idle_stream_gets_heartbeats()
    {
        using var http = node.Client();
        var tag = Guid.NewGuid().ToString("N")[..6];
        PushChannel site = PushChannel.Site("multi-" + tag), user = PushChannel.User("multi-" + tag, "7");
        await using var client = await SseClient.ConnectAsync(http, $"/push/sse?channel={site.Name}&channel={user.Name}", channels: [site.Name, user.Name]);

        await client.AwaitCommentAsync("heartbeat");
        await node.Push.PushAsync(user, "to-user", 7);
        var toUser = await client.NextAsync();
        await node.Push.PushAsync(site, "to-site", 42);
        var toSite = await client.NextAsync();

        Assert.Equal(["to-user", "to-site"], new[] { toUser.Type, toSite.Type });
        var cursor = PushCursor.Parse(toSite.Id); // the id holds where the client is in both
        Assert.NotNull(cursor[site.Name]);
        Assert.NotNull(cursor[user.Name]);
    }

    [Fact]
    public async Task The_token_gate_applies_to_push_and_bad_requests_are_told_what_is_wrong()
    {
        using var anonymous = node.Client(withToken: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/push/sse?channel=site:1", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/push/poll?channel=site:1&timeout=0")).StatusCode);

        using var http = node.Client();
        var noChannel = await http.GetAsync("/push/sse");
        Assert.Equal(HttpStatusCode.BadRequest, noChannel.StatusCode);
        Assert.Contains("?channel=site:<site>", await noChannel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badChannel = await http.GetAsync("/push/poll?channel=planet:1");
        Assert.Contains("none of site:<site>", await badChannel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badId = await http.GetAsync("/push/poll?channel=site:1&after=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    [Fact]
    public async Task When_a_channels_owner_restarts_its_connected_clients_get_a_reset_and_follow_on()
    {
        using var http = node.Client();
        var channel = PushChannel.Site("restart-" + Guid.NewGuid().ToString("N")[..6]);
        await using var client = await SseClient.ConnectAsync(http, "/push/sse?channel=" + channel.Name, channels: channel.Name);
        await node.Push.PushAsync(channel, "before", 1);
        var before = await client.NextAsync();

        // What kill -9 of the owner's node does to it, on one node: the owner is gone with its history; the next one is a new epoch.
        var name = Uri.EscapeDataString(channel.Name);
        node.System.ActorSelection($"/system/sharding/{PushRegion.TypeName}/*/{name}").Tell(PoisonPill.Instance);
        node.System.ActorSelection($"/user/push-channels/{name}").Tell(PoisonPill.Instance);

        var reset = await client.NextAsync();
        Assert.Equal(PushEventType.Reset, reset.Type);
        await node.Push.PushAsync(channel, "after", 2);
        var after = await client.NextAsync();
        Assert.Equal("after", after.Type);
        Assert.NotEqual(PushCursor.Parse(before.Id)[channel.Name]!.Value.Epoch, PushCursor.Parse(after.Id)[channel.Name]!.Value.Epoch);
    }
}
