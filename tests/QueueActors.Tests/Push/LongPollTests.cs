using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using QueueActors.Actors.Push;
using Xunit;

namespace QueueActors.Tests.Push;

/// <summary><c>/push/poll</c>, the fallback for clients without server-sent events.</summary>
[Trait("Category", "Integration")]
[Collection(PushNodeCollection.Name)]
public sealed class LongPollTests(PushNode node)
{
    [Fact]
    public async Task A_poll_returns_the_events_after_its_id_in_order_and_waits_bounded_when_there_are_none()
    {
        using var http = node.Client();
        var channel = PushChannel.Site("poll-" + Guid.NewGuid().ToString("N")[..6]);
        var start = await PollAsync(http, $"/push/poll?channel={channel.Name}"); // no id: where the channel is now
        Assert.Equal(0, start.GetProperty("events").GetArrayLength());
        var after = start.GetProperty("last").GetString()!;

        await node.Push.PushAsync(channel, "a", 1);
        await node.Push.PushAsync(channel, "b", 2);
        var both = await AwaitEventsAsync(http, channel, after, 2);
        Assert.Equal(["a", "b"], both.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal([1, 2], both.Select(e => e.GetProperty("data").GetInt32()));

        // Nothing after the last: it waits its timeout (not forever), then answers with no events.
        var last = both[^1].GetProperty("id").GetString()!;
        var clock = Stopwatch.StartNew();
        var none = await PollAsync(http, $"/push/poll?channel={channel.Name}&after={Uri.EscapeDataString(last)}&timeout=0.5");
        Assert.Equal(0, none.GetProperty("events").GetArrayLength());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.45), TimeSpan.FromSeconds(10));
        Assert.Equal(last, none.GetProperty("last").GetString());

        // A timeout over poll-timeout (2 s here) is cut down to it.
        clock.Restart();
        _ = await PollAsync(http, $"/push/poll?channel={channel.Name}&after={Uri.EscapeDataString(last)}&timeout=3600");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_waiting_poll_answers_as_soon_as_an_event_comes()
    {
        using var http = node.Client();
        var channel = PushChannel.User("poll-" + Guid.NewGuid().ToString("N")[..6], "1");
        var after = (await PollAsync(http, $"/push/poll?channel={channel.Name}")).GetProperty("last").GetString()!;

        var waiting = PollAsync(http, $"/push/poll?channel={channel.Name}&after={Uri.EscapeDataString(after)}&timeout=30");
        await node.Push.PushAsync(channel, "late", "x");
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("late", answer.GetProperty("events")[0].GetProperty("event").GetString());
    }

    private static async Task<JsonElement> PollAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // Polls on from after until count events came (a poll may answer with the first before the second was pushed).
    private static async Task<List<JsonElement>> AwaitEventsAsync(HttpClient http, PushChannel channel, string after, int count)
    {
        var events = new List<JsonElement>();
        while (events.Count < count)
        {
            var answer = await PollAsync(http, $"/push/poll?channel={channel.Name}&after={Uri.EscapeDataString(after)}&timeout=2");
            events.AddRange(answer.GetProperty("events").EnumerateArray());
            after = answer.GetProperty("last").GetString()!;
        }

        return events;
    }
}
