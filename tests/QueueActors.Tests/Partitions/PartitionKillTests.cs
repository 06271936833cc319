using System.Diagnostics;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Partitions;
using QueueActors.TestKit;
using QueueActors.Tests.Cluster.MultiNode;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Partitions;

/// <summary>
/// kill -9 of a real node process (tests/QueueActors.TestWorker) that holds partitions: they move to the node left,
/// nothing is lost, each key keeps its order, and only the events in flight at the kill are handled twice.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class PartitionKillTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Partitions = 8;
    private static readonly Dictionary<string, string> CountingHandler = new() { ["QA_WORKER_HANDLER"] = "count" };
    private readonly string[] _keys = [.. Enumerable.Range(0, 16).Select(i => "key-" + i)];

    /// <summary>Message id → (key, sequence), in publish order per key.</summary>
    private readonly Dictionary<string, (string Key, int Sequence)> _published = [];
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);
    private TestCluster _cluster = null!;

    private string PartitionsConfig => $"queueactors.messaging.partitions {{ {_cluster.Queue} = {Partitions} }}";
    private EventPublisher _publisher = null!;

    [Fact]
    public async Task Killing_a_node_moves_its_partitions_to_the_other_with_nothing_lost_and_each_key_in_order()
    {
        var a = _cluster.StartNode("a", "worker, seed", PartitionsConfig, CountingHandler);
        _publisher = await _cluster.PublisherAsync();
        await PublishRoundAsync();
        await AwaitAsync(() => HandledIds(a.Id).Count >= _keys.Length, "node a to handle the first round");

        var b = _cluster.StartNode("b", "worker", PartitionsConfig, CountingHandler);
        await AwaitAsync(
            async () =>
            {
                await PublishRoundIfCaughtUpAsync();
                return HandledIds(b.Id).Count >= 2 * _keys.Length;
            },
            "node b to take some partitions and work on them");
        var bPartitions = HandledIds(b.Id).Select(id => PartitionHash.PartitionOf(_published[id].Key, Partitions)).ToHashSet();
        await PublishRoundAsync();

        var handledByABefore = HandledIds(a.Id).ToHashSet();
        b.KillHard();
        var sinceKill = Stopwatch.StartNew();
        await b.WaitForExitAsync();
        await AwaitAsync(
            async () =>
            {
                await PublishRoundIfCaughtUpAsync();
                return HandledIds(a.Id).Any(id => !handledByABefore.Contains(id) && bPartitions.Contains(PartitionHash.PartitionOf(_published[id].Key, Partitions)));
            },
            "node a to take over b's partitions");
        output.WriteLine($"b had partitions {string.Join(",", bPartitions.Order())}; a handled one of them {sinceKill.ElapsedMilliseconds} ms after the kill -9");

        await AwaitAsync(() => _published.Keys.All(HandledIds(a.Id).Concat(HandledIds(b.Id)).ToHashSet().Contains), "every event to be handled");
        var onA = HandledIds(a.Id);
        var onB = HandledIds(b.Id);
        foreach (var key in _keys)
        {
            // Each node handled the key's events in publish order; a handled them before b took the key and after b died.
            AssertIncreasing(key, onA);
            AssertIncreasing(key, onB);
        }

        var twice = onA.Intersect(onB).ToArray();
        output.WriteLine($"{_published.Count} events, {onA.Count} on a, {onB.Count} on b, {twice.Length} handled twice");
        Assert.InRange(twice.Length, 0, bPartitions.Count); // at most the one event in flight per partition of b (prefetch 1)
    }

    private void AssertIncreasing(string key, IReadOnlyList<string> handled)
    {
        var sequence = handled.Where(id => _published[id].Key == key).Select(id => _published[id].Sequence).ToArray();
        Assert.True(sequence.Zip(sequence.Skip(1)).All(pair => pair.Item1 < pair.Item2), $"{key} out of order: {string.Join(",", sequence)}");
    }

    /// <summary>One more round while the nodes keep up (at most a few rounds waiting): the waits publish as they poll.</summary>
    private async Task PublishRoundIfCaughtUpAsync()
    {
        var handled = _cluster.Nodes.Sum(node => HandledIds(node.Process.Id).Count);
        if (handled >= _published.Count - (4 * _keys.Length))
        {
            await PublishRoundAsync();
        }
    }

    private async Task PublishRoundAsync()
    {
        foreach (var key in _keys)
        {
            var sequence = _next.GetValueOrDefault(key);
            _next[key] = sequence + 1;
            var result = await _publisher.PublishAsync("s1", _cluster.Queue, new { action = "sleep", text = "5" }, new PublishOptions { PartitionKey = key });
            _published[result.MessageId] = (key, sequence);
        }
    }

    /// <summary>The message ids node <paramref name="pid"/> handled, in order (its HandledLog).</summary>
    private IReadOnlyList<string> HandledIds(int pid)
    {
        var file = Path.Combine(_cluster.Out, $"handled.{pid}.log");
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private Task AwaitAsync(Func<bool> condition, string what) => AwaitAsync(() => Task.FromResult(condition()), what);

    private async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        try
        {
            await AwaitCondition.UntilAsync(condition, TestCluster.Wait, what);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"Not {what} within {TestCluster.Wait}:\n{_cluster.Outputs()}");
        }
    }

    public Task InitializeAsync()
    {
        _cluster = new TestCluster(brokers.Primary, output, """
            akka.cluster.sharding.rebalance-interval = 1s
            akka.cluster.sharded-daemon-process.keep-alive-interval = 1s
            """);
        File.AppendAllText(_cluster.ConfigFile, "\n" + PartitionsConfig + "\n"); // the publisher's topology
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
