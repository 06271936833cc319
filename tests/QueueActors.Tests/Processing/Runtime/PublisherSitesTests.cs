using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport.InMemory;
using Xunit;

namespace QueueActors.Tests.Processing.Runtime;

/// <summary>The publisher and the sites: it waits while the node learns them, and refuses a disabled site's shared-queue events.</summary>
public sealed class PublisherSitesTests
{
    private readonly InMemoryTransport _transport = new();
    private readonly QueueTopology _topology = new(MessagingSettings.FromConfig(ConfigLoader.LoadText("")));

    [Fact]
    public async Task While_the_sites_are_awaited_a_publish_waits_and_then_routes_by_them()
    {
        var publisher = new EventPublisher(_transport, _topology);
        _topology.AwaitSites(TimeSpan.FromMinutes(1));

        var publishing = publisher.PublishAsync("acme", "email", new { n = 1 }).AsTask();
        Assert.False(publishing.IsCompleted);
        _topology.Route("acme", new SiteDefinition { Name = "acme", Breakout = ["email"] });
        _topology.SitesKnown();
        await publishing;

        Assert.Equal(1, (await _transport.GetStatusAsync("qa.acme.email")).MessagesReady);
    }

    [Fact]
    public async Task Sites_never_known_end_in_a_clear_refusal_after_the_patience()
    {
        _topology.AwaitSites(TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<SitesUnknownException>(async () => await new EventPublisher(_transport, _topology).PublishAsync("acme", "email", new { n = 1 }));

        Assert.Contains("has not learnt its sites from the site registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_sites_event_is_refused_for_a_shared_queue_and_waits_on_its_breakout_queue()
    {
        var publisher = new EventPublisher(_transport, _topology);
        _topology.Route("acme", new SiteDefinition { Name = "acme", Enabled = false, Breakout = ["email"] });

        await Assert.ThrowsAsync<SiteDisabledException>(async () => await publisher.PublishAsync("acme", "digest", new { n = 1 }));
        await publisher.PublishAsync("acme", "email", new { n = 2 });
        _topology.Route("acme", null);
        await publisher.PublishAsync("acme", "digest", new { n = 3 });

        Assert.Equal(1, (await _transport.GetStatusAsync("qa.acme.email")).MessagesReady);
        Assert.Equal(1, (await _transport.GetStatusAsync("qa.digest")).MessagesReady);
    }
}
