using System.Text.Json;
using QueueActors.Actors.Sites;
using QueueActors.Host.Node.Control;
using Xunit;

namespace QueueActors.Tests.Host.Control;

/// <summary><c>site list</c>'s reply: all sites, one source's, or the first N by name, and always how many there are.</summary>
public sealed class SiteListReplyTests
{
    private static readonly SiteList Sites = new(
    [
        new RegisteredSite(new SiteDefinition { Name = "a.example" }, SiteSource.Config),
        new RegisteredSite(new SiteDefinition { Name = "b.example" }, SiteSource.Registry),
        new RegisteredSite(new SiteDefinition { Name = "c.example" }, SiteSource.Config),
    ]);

    [Fact]
    public void Lists_every_site_with_the_total()
    {
        var reply = SeedReplies.Sites(Sites);

        Assert.StartsWith("3 site(s)\n", reply.Text, StringComparison.Ordinal);
        Assert.Equal(3, reply.Data!.Value.GetProperty("total").GetInt32());
        Assert.Equal(["a.example", "b.example", "c.example"], Names(reply.Data.Value));
    }

    [Fact]
    public void A_limit_shows_the_first_sites_and_still_counts_all()
    {
        var reply = SeedReplies.Sites(Sites, limit: 2);

        Assert.StartsWith("3 site(s), the first 2 shown\n", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("c.example", reply.Text, StringComparison.Ordinal);
        Assert.Equal(3, reply.Data!.Value.GetProperty("total").GetInt32());
        Assert.Equal(["a.example", "b.example"], Names(reply.Data.Value));
    }

    [Fact]
    public void A_source_keeps_only_its_sites()
    {
        var reply = SeedReplies.Sites(Sites, SiteSource.Registry);

        Assert.Equal(1, reply.Data!.Value.GetProperty("total").GetInt32());
        Assert.Equal(["b.example"], SeedReplies.ReadSites(reply.Data.Value).Select(s => s.Definition.Name));
    }

    private static IEnumerable<string> Names(JsonElement data) => SeedReplies.ReadSites(data).Select(s => s.Definition.Name);
}
