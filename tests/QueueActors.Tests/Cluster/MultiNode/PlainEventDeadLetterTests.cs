using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.MultiNode;

/// <summary>
/// Plain events from Python's pika that end in dead letters, as an operator sees them: a node (worker and seed)
/// whose queue reads the site from the JSON field <c>realm</c>; one event names its realm and always fails, one
/// names none. <c>dead list</c> lists both (the second under the placeholder site), and <c>dead replay</c>
/// publishes the one without a site again, as it came.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class PlainEventDeadLetterTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    [Fact]
    public async Task Plain_events_that_fail_or_name_no_site_are_listed_by_dead_list_and_replayable()
    {
        var node = _cluster.StartNode("node-a", "worker, seed", $"queueactors.processing.queue-overrides.{_cluster.Queue}.site-field = realm");
        var brokerQueue = "qa." + _cluster.Queue;
        await AwaitCondition.UntilAsync(
            async () => node.HasExited || (await brokers.Primary.CtlAsync("list_queues", "name", "consumers", "--no-table-headers", "-q")).Contains($"{brokerQueue}\t1", StringComparison.Ordinal),
            TestCluster.Wait,
            "the node to consume " + brokerQueue);
        Assert.False(node.HasExited, node.Output);

        await PythonProducer.PublishAsync(brokers.Primary, brokerQueue, """{"action":"fail","text":"a","realm":"zulip.example"}""", messageId: "plain-fails");
        await PythonProducer.PublishAsync(brokers.Primary, brokerQueue, """{"action":"ok","text":"b"}""", messageId: "plain-no-site");

        var listed = await DeadListAsync(2);
        Assert.Contains(listed, l => l.Contains(" zulip.example ", StringComparison.Ordinal) && l.Contains("RetriesExhausted", StringComparison.Ordinal));
        var noSite = Assert.Single(listed, l => l.Contains($" {DeadLetterRecord.NoSite} ", StringComparison.Ordinal));
        Assert.Contains("Undecodable", noSite);
        Assert.Contains("default-site", noSite); // the error says how to name a site

        var (replayed, replayOutput) = await _cluster.CliAsync("dead", "replay", noSite.Split(' ')[0]);
        Assert.True(replayed == 0, replayOutput + "\n" + _cluster.Outputs());
        Assert.Contains("1 dead letter(s) published again", replayOutput);

        // Published again without a site: still none to read, so a dead letter again, listed too.
        Assert.Equal(2, (await DeadListAsync(3)).Count(l => l.Contains($" {DeadLetterRecord.NoSite} ", StringComparison.Ordinal)));
    }

    public Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Runs <c>dead list</c> until it lists <paramref name="count"/> dead letters; their lines.</summary>
    private async Task<string[]> DeadListAsync(int count)
    {
        var text = "";
        await AwaitCondition.UntilAsync(
            async () =>
            {
                var (exitCode, listing) = await _cluster.CliAsync("dead", "list");
                text = listing;
                return exitCode == 0 && listing.Contains($"{count} dead letter(s)", StringComparison.Ordinal);
            },
            TestCluster.Wait,
            $"dead list to list {count} dead letters\n{_cluster.Outputs()}");
        return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("Exhausted", StringComparison.Ordinal) || l.Contains("Undecodable", StringComparison.Ordinal))];
    }
}
