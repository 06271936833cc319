using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// One seed and three worker processes on one broker: <c>queueactors site add</c> (the registry on the seed) is
/// applied by every worker, and <c>site update</c> (StatusNet's <c>update:&lt;site&gt;</c>) is answered by every node.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class SiteUpdateAcrossNodesTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Workers = ["w1", "w2", "w3"];
    private TestCluster _cluster = null!;

    [Fact]
    public async Task A_site_added_on_the_seed_runs_on_every_worker_and_site_update_reaches_every_node()
    {
        var site = "site-" + _cluster.Id;
        var brokerQueue = $"qa.{site}.{_cluster.Queue}";

        var (added, addOutput) = await _cluster.CliAsync("site", "add", site, "--breakout", _cluster.Queue);

        Assert.True(added == 0, addOutput);
        await TestKit.AwaitCondition.UntilAsync(
            async () =>
            {
                var queues = await _cluster.CtlJsonAsync("queue", "list");
                return Workers.All(w => queues.TryGetProperty(w, out var list)
                    && list.EnumerateArray().Any(q => q.GetProperty("brokerQueue").GetString() == brokerQueue && !q.GetProperty("paused").GetBoolean()));
            },
            TestCluster.Wait,
            $"every worker to run {brokerQueue}");

        var publisher = await _cluster.PublisherAsync((site, _cluster.Queue));
        var id = await publisher.PublishAsync(site, _cluster.Queue, new { action = "ok", text = "to the site" });
        await _cluster.AwaitMarkerAsync($"handled.{id}.*");

        var (updated, updateOutput) = await _cluster.CliAsync("site", "update", site);

        Assert.True(updated == 0, updateOutput);
        foreach (var node in Workers.Append("seed1"))
        {
            Assert.Contains($"== {node} ==", updateOutput);
        }

        Assert.Equal(3, updateOutput.Split($"site {site} applied (enabled); running here: {brokerQueue}").Length - 1);
    }

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        _cluster.StartNode("seed1", "seed");
        foreach (var worker in Workers)
        {
            _cluster.StartNode(worker, "worker");
        }

        await _cluster.AwaitMembersUpAsync("seed1", "w1", "w2", "w3");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
