using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Sites;
using QueueActors.Tests.Persistence;
using Xunit;

namespace QueueActors.Tests.Sites;

/// <summary>The site registry: HOCON sites overlaid with persisted changes, each change published on the event stream.</summary>
public abstract class SiteRegistryBehaviour(IPersistenceTestBackend backend) : PersistenceTestKit(backend)
{
    private static readonly SitesSettings Configured = SitesSettings.FromConfig(ConfigLoader.LoadText("""
        queueactors.sites { "a.example" { queues = [email] }, "b.example" { enabled = false } }
        """));

    [Fact]
    public async Task It_lists_the_configured_sites_with_their_source()
    {
        var client = await StartAsync();

        var sites = await client.ListAsync();

        Assert.Equal(["a.example", "b.example"], sites.Select(s => s.Definition.Name));
        Assert.All(sites, s => Assert.Equal(SiteSource.Config, s.Source));
        Assert.Equal(["email"], (await client.GetAsync("a.example"))!.Definition.Queues);
        Assert.Null(await client.GetAsync("nowhere.example"));
    }

    [Fact]
    public async Task Add_update_and_remove_persist_reply_and_publish_each_change()
    {
        var changes = CreateTestProbe();
        Sys.EventStream.Subscribe(changes.Ref, typeof(SiteChanged));
        var client = await StartAsync();
        var added = new SiteDefinition { Name = "c.example", Breakout = ["email"], Xmpp = "c@example.com" };
        var updated = added with { Enabled = false };

        Assert.Equal(new SiteChanged("c.example", added), await client.AddAsync(added));
        Assert.Equal(new SiteChanged("c.example", added), await changes.ExpectMsgAsync<SiteChanged>());
        Assert.Equal(new RegisteredSite(added, SiteSource.Registry), await client.GetAsync("c.example"));

        await client.UpdateAsync(updated);
        Assert.False((await changes.ExpectMsgAsync<SiteChanged>()).Definition!.Enabled);

        Assert.Equal(new SiteChanged("c.example", null), await client.RemoveAsync("c.example"));
        Assert.Equal(new SiteChanged("c.example", null), await changes.ExpectMsgAsync<SiteChanged>());
        Assert.Null(await client.GetAsync("c.example"));
    }

    [Fact]
    public async Task Adding_an_existing_site_updating_or_removing_a_missing_one_and_invalid_definitions_are_refused()
    {
        var changes = CreateTestProbe();
        Sys.EventStream.Subscribe(changes.Ref, typeof(SiteChanged));
        var client = await StartAsync();

        var exists = await Assert.ThrowsAsync<SiteRegistryException>(() => client.AddAsync(new SiteDefinition { Name = "a.example" }));
        Assert.Contains("exists already", exists.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<SiteRegistryException>(() => client.UpdateAsync(new SiteDefinition { Name = "z.example" }));
        Assert.Equal("There is no site z.example.", missing.Message);
        await Assert.ThrowsAsync<SiteRegistryException>(() => client.RemoveAsync("z.example"));
        var invalid = await Assert.ThrowsAsync<SiteRegistryException>(() => client.AddAsync(new SiteDefinition { Name = "d.example", Concurrency = new Dictionary<string, int> { ["email"] = 0 } }));
        Assert.Contains("concurrency of email must be from 1 to 65535", invalid.Message, StringComparison.Ordinal);

        await changes.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, (await client.ListAsync()).Count);
    }

    [Fact]
    public async Task A_configured_site_can_be_overridden_and_removed_and_stays_so_after_a_restart()
    {
        var client = await StartAsync();
        var overridden = new SiteDefinition { Name = "a.example", Queues = ["email", "digest"] };
        await client.UpdateAsync(overridden);
        await client.RemoveAsync("b.example");
        await client.AddAsync(new SiteDefinition { Name = "c.example" });
        await StopAsync(client.Registry);

        var restarted = await StartAsync();

        var sites = await restarted.ListAsync();
        Assert.Equal(["a.example", "c.example"], sites.Select(s => s.Definition.Name));
        Assert.Equal(SiteSource.Registry, sites[0].Source);
        Assert.Equal(["email", "digest"], sites[0].Definition.Queues);
        Assert.Null(await restarted.GetAsync("b.example"));
    }

    [Fact]
    public async Task A_site_added_at_run_time_and_removed_comes_back_when_the_configuration_declares_it()
    {
        var client = await StartAsync();
        await client.AddAsync(new SiteDefinition { Name = "c.example" });
        await client.RemoveAsync("c.example");
        await StopAsync(client.Registry);
        var declared = SitesSettings.FromConfig(ConfigLoader.LoadText("queueactors.sites.\"c.example\" { queues = [digest] }"));

        var restarted = new SiteRegistryClient(Sys.ActorOf(SiteRegistry.Props(declared)));

        Assert.Equal(new RegisteredSite(declared.Sites[0], SiteSource.Config), await restarted.GetAsync("c.example"));
    }

    [Fact]
    public async Task After_the_whole_system_restarts_the_registry_recovers_its_changes()
    {
        var node = ActorSystem.Create("node-before-restart", Sys.Settings.Config);
        try
        {
            var before = new SiteRegistryClient(node.ActorOf(SiteRegistry.Props(Configured)));
            await before.AddAsync(new SiteDefinition { Name = "c.example", Concurrency = new Dictionary<string, int> { ["email"] = 3 } });
        }
        finally
        {
            await node.Terminate();
        }

        var after = await StartAsync();

        var site = await after.GetAsync("c.example");
        Assert.Equal(3, site!.Definition.Concurrency["email"]);
        Assert.Equal(SiteSource.Registry, site.Source);
    }

    [Fact]
    public async Task Every_hundred_changes_it_saves_a_snapshot_and_recovers_from_it()
    {
        var client = await StartAsync();
        for (var i = 1; i <= SiteRegistry.SnapshotInterval + 1; i++)
        {
            await client.UpdateAsync(new SiteDefinition { Name = "a.example", Concurrency = new Dictionary<string, int> { ["email"] = i } });
        }

        // The snapshot and the deletion of the events behind it follow the reply.
        await AwaitAssertAsync(async () => Assert.Equal(SiteRegistry.SnapshotInterval, await LatestSnapshotAtAsync(SiteRegistry.Id)));
        await AwaitAssertAsync(async () => Assert.Equal([SiteRegistry.SnapshotInterval + 1L], await JournalSequenceNrsAsync(SiteRegistry.Id)));
        await StopAsync(client.Registry);

        var restarted = await StartAsync();
        Assert.Equal(SiteRegistry.SnapshotInterval + 1, (await restarted.GetAsync("a.example"))!.Definition.Concurrency["email"]);
        Assert.Equal(2, (await restarted.ListAsync()).Count);
    }

    private Task<SiteRegistryClient> StartAsync() =>
        Task.FromResult(new SiteRegistryClient(Sys.ActorOf(SiteRegistry.Props(Configured, Loggers.CreateLogger<SiteRegistry>()))));
}
