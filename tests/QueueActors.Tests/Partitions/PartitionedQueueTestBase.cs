using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;
using QueueActors.TestKit;
using QueueActors.TestKit.Processing;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Processing;
using Xunit;
using Xunit.Abstractions;
using AkkaCluster = Akka.Cluster.Cluster;

namespace QueueActors.Tests.Partitions;

/// <summary>
/// A partitioned queue on a real transport, consumed by in-process cluster nodes (each an actor system, a processing
/// service and a transport of its own): per-key order, a failing event holding its key, partitions spread over the
/// nodes, moved to a node that joins and from a node that leaves, and never run by two nodes at once; the queue's rate
/// limit kept over all its partitions, and its circuit breaker over all of a node's.
/// </summary>
public abstract class PartitionedQueueTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Partitions = 8;
    private const int MaxRetries = 3;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly List<Node> _nodes = [];
    private readonly PartitionLedger _ledger = new(Partitions);
    private readonly Dictionary<string, int> _published = new(StringComparer.Ordinal);
    private readonly LogCapture _logs = new();
    private int _calls;
    private volatile bool _broken;
    private ITransport? _publisherTransport;
    private IEventPublisher? _publisher;

    private string Queue => "orders-" + _id;

    /// <summary>Failures to script: key → sequence → how many times its handler throws before it succeeds.</summary>
    private Dictionary<(string Key, int Sequence), int> Failures { get; } = [];

    [Fact]
    public async Task Each_keys_events_are_handled_in_publish_order_and_a_failing_event_holds_its_key_until_it_succeeds()
    {
        await StartNodeAsync("a");
        var keys = Enumerable.Range(0, 24).Select(i => "user-" + i).ToArray();
        Failures[("user-3", 2)] = 3; // fails three times, then succeeds: user-3's events 3.. must wait for it

        await PublishRoundsAsync(keys, rounds: 8);

        await AwaitAllHandledAsync(keys);
        Assert.Equal(0, Failures[("user-3", 2)]); // it did fail three times
        Assert.Equal(0, _ledger.Overlaps);
        Assert.Equal(Enumerable.Range(0, Partitions).Select(p => $"qa.{Queue}.p{p}"), PartitionRows(_nodes[0])); // the status lists them
    }

    [Fact]
    public async Task An_event_that_always_fails_goes_to_dead_letters_after_max_retries_and_its_keys_later_events_follow()
    {
        var node = await StartNodeAsync("a");
        string[] keys = ["poisoned", "healthy"];
        Failures[("poisoned", 1)] = int.MaxValue;

        await PublishRoundsAsync(keys, rounds: 4);

        await AwaitCondition.UntilAsync(() => _ledger.SequenceOf("poisoned").Count == 3 && _ledger.SequenceOf("healthy").Count == 4, Wait, "every event but the poisoned one handled");
        Assert.Equal([0, 2, 3], _ledger.SequenceOf("poisoned"));
        Assert.Equal([0, 1, 2, 3], _ledger.SequenceOf("healthy"));
        var letter = await DeadLetterFiles.ReadAsync(Assert.Single(node.Harness.DeadLetterFiles()));
        Assert.Equal((DeadLetterReason.RetriesExhausted, MaxRetries + 1), (letter!.Reason, letter.Attempts));
    }

    [Fact]
    public async Task An_event_given_back_unstarted_again_and_again_counts_no_attempt_and_is_handled()
    {
        var node = await StartNodeAsync("a");
        Assert.True(await node.Harness.Processing.PauseAsync(Queue)); // nothing consumes the partitions now
        string[] keys = ["given-back"];
        await PublishRoundsAsync(keys, rounds: 1);

        // Each time a consumer takes it and lets go without settling it, as a hand-over does with a delivery still on
        // its way to the partition: more redeliveries than max-retries allows attempts.
        var spec = node.Harness.Topology.PartitionSpecFor(Queue, keys[0]);
        var deliveries = 0;
        for (var i = 0; i <= MaxRetries; i++)
        {
            var probe = new DeliveryProbe();
            var consumer = await _publisherTransport!.SubscribeAsync(spec, 1, probe.OnDeliveryAsync);
            deliveries = (await probe.ExpectAsync()).DeliveryCount;
            await consumer.DisposeAsync();
        }

        Assert.Equal(MaxRetries + 1, deliveries);
        Assert.True(await node.Harness.Processing.ResumeAsync(Queue));
        await AwaitAllHandledAsync(keys);
        Assert.Empty(node.Harness.Recorder.DeadLettered);
    }

    [Fact]
    public async Task An_event_whose_workers_died_in_its_handler_more_than_max_retries_times_goes_to_dead_letters_unhandled()
    {
        using var data = new TempDirectory();
        var poison = "poison-" + _id;
        for (var death = 0; death <= MaxRetries; death++) // each incarnation of node a started the handler and died in it
        {
            var journal = new HandlingJournal(Path.Combine(data.Path, "handling"), "a", TimeProvider.System, NullLogger.Instance);
            journal.Open();
            journal.Started([poison]);
            journal.Close();
        }

        var node = await StartNodeAsync("a", $"queueactors {{ node.name = a, data-directory = \"{data.Path}\" }}");
        await PublishPoisonedAsync(poison);
        await PublishRoundsAsync(["poisoned"], rounds: 1); // sequence 0 again, under a new id: it follows the dead-lettered one

        await AwaitCondition.UntilAsync(() => _ledger.SequenceOf("poisoned").Count == 1, Wait, "the event after the poisoned one handled");
        var letter = await DeadLetterFiles.ReadAsync(Assert.Single(node.Harness.DeadLetterFiles()));
        Assert.Equal((poison, DeadLetterReason.CrashLoop, MaxRetries + 1), (letter!.MessageId, letter.Reason, letter.Attempts));
        Assert.Equal(1, Volatile.Read(ref _calls)); // the poisoned one's handler was not run again
    }

    [Fact]
    public async Task A_failing_event_given_back_by_a_pause_keeps_its_attempts_and_goes_to_dead_letters_after_max_retries()
    {
        var node = await StartNodeAsync("a", "queueactors.processing.retry-backoff { min = 1s, max = 1s }");
        Failures[("poisoned", 0)] = int.MaxValue;
        var poison = "poison-" + _id;
        await PublishPoisonedAsync(poison);
        await AwaitCondition.UntilAsync(() => Volatile.Read(ref _calls) == 2, Wait, "two failed attempts");

        Assert.True(await node.Harness.Processing.PauseAsync(Queue)); // gives back the event it holds for a retry
        Assert.True(await node.Harness.Processing.ResumeAsync(Queue));

        var letter = await node.Harness.Recorder.WaitForDeadLetterAsync(poison, Wait);
        Assert.Equal((DeadLetterReason.RetriesExhausted, MaxRetries + 1), (letter.Reason, letter.Attempts));
        Assert.Equal(MaxRetries + 1, Volatile.Read(ref _calls)); // two before the pause, the rest after it
    }

    [Fact]
    public async Task Partitions_move_to_a_node_that_joins_and_back_from_a_node_that_leaves_without_losing_order_or_running_twice()
    {
        await StartNodeAsync("a");
        var keys = Enumerable.Range(0, 32).Select(i => "order-" + i).ToArray();
        await PublishRoundsAsync(keys, rounds: 2);
        await AwaitAllHandledAsync(keys);
        Assert.Equal(Partitions, _ledger.PartitionsOf("a").Count);

        // b joins: sharding rebalances some partitions to it, while events keep coming.
        var b = await StartNodeAsync("b");
        _ledger.ResetNodes();
        await AwaitCondition.UntilAsync(
            async () =>
            {
                await PublishRoundsAsync(keys, rounds: 1);
                return _ledger.HandledBy("b") > 0;
            },
            Wait,
            "node b to take some partitions");
        await AwaitAllHandledAsync(keys);
        var onB = _ledger.PartitionsOf("b");
        output.WriteLine($"after the join: a has {string.Join(",", _ledger.PartitionsOf("a"))}, b has {string.Join(",", onB)}");
        Assert.InRange(onB.Count, 1, Partitions - 1);
        await AwaitCondition.UntilAsync(
            () => PartitionRows(_nodes[0]).Concat(PartitionRows(b)).Order().SequenceEqual(Enumerable.Range(0, Partitions).Select(p => $"qa.{Queue}.p{p}")),
            Wait,
            "the two nodes' status to list every partition once");

        // b leaves gracefully: its partitions go back to a, each after its event at hand.
        var leaving = PublishRoundsAsync(keys, rounds: 4);
        await StopNodeAsync(b);
        await leaving;
        _ledger.ResetNodes();
        await PublishRoundsAsync(keys, rounds: 2);
        await AwaitAllHandledAsync(keys);
        Assert.Equal(0, _ledger.HandledBy("b"));
        Assert.Equal(0, _ledger.Overlaps);
    }

    [Fact]
    public async Task A_paused_partitioned_queue_lets_go_of_its_partitions_and_resumed_handles_what_waited_in_order()
    {
        var node = await StartNodeAsync("a");
        var keys = Enumerable.Range(0, 16).Select(i => "item-" + i).ToArray();
        await PublishRoundsAsync(keys, rounds: 1);
        await AwaitAllHandledAsync(keys); // every partition runs on this node now

        Assert.True(await node.Harness.Processing.PauseAsync(Queue));
        var rows = node.Harness.Processing.GetStatus().Queues.Where(q => q.Queue == Queue).ToList();
        Assert.Equal(Partitions, rows.Count);
        Assert.All(rows, row => Assert.True(row.Paused, $"{row.BrokerQueue} is not shown paused"));

        // The pause returned once each partition had released its subscription: nothing consumes them now.
        await PublishRoundsAsync(keys, rounds: 2);
        for (var partition = 0; partition < Partitions; partition++)
        {
            Assert.Equal(0, (await node.Transport.GetStatusAsync($"qa.{Queue}.p{partition}")).Consumers);
        }

        Assert.All(keys, key => Assert.Single(_ledger.SequenceOf(key)));

        Assert.True(await node.Harness.Processing.ResumeAsync(Queue));
        await AwaitAllHandledAsync(keys);
    }

    [Fact]
    public async Task A_rate_limited_partitioned_queue_keeps_to_its_limit_over_all_its_partitions()
    {
        const double limit = 20;
        const int burst = 2; // RateGate.BurstFor(20): the node owns every partition, so its share is the whole limit
        var node = await StartNodeAsync("a", $"queueactors.processing.queue-overrides.{Queue}.rate-limit = \"{limit}/s\"");
        await AwaitCondition.UntilAsync(() => PartitionRows(node).Length == Partitions, Wait, "every partition consumed (the share settled)");
        Assert.All(node.Harness.Processing.GetStatus().Queues.Where(q => q.Queue == Queue), row => Assert.Equal("20/s", row.RateLimit));

        var keys = Enumerable.Range(0, 16).Select(i => "user-" + i).ToArray();
        var clock = Stopwatch.StartNew();
        await PublishRoundsAsync(keys, rounds: 3);
        await AwaitAllHandledAsync(keys);
        clock.Stop();

        var events = keys.Length * 3;
        output.WriteLine($"{events} events in {clock.Elapsed.TotalMilliseconds:F0} ms at {limit}/s over {Partitions} partitions");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds((events - burst) / limit), $"{events} events took {clock.Elapsed}: the partitions together ran faster than {limit}/s");
    }

    [Fact]
    public async Task A_partitioned_queue_whose_handler_fails_on_everything_opens_its_circuit_and_loses_nothing_once_it_recovers()
    {
        var node = await StartNodeAsync("a", """
            queueactors.processing {
              max-retries = 1
              retry-backoff { min = 1s, max = 1s }
              circuit-breaker { failures = 3, min-backoff = 200ms, max-backoff = 400ms }
            }
            """);
        var keys = Enumerable.Range(0, 16).Select(i => "user-" + i).ToArray();
        _broken = true;

        // Published while paused, so that every partition starts on its first event at once when resumed.
        Assert.True(await node.Harness.Processing.PauseAsync(Queue));
        await PublishRoundsAsync(keys, rounds: 2);
        Assert.True(await node.Harness.Processing.ResumeAsync(Queue));

        // Each partition fails its first event once (attempt 1 of 2, retried after 1 s); the third failure opens the
        // circuit, so what follows are trials (one at a time, no attempt counted) while the retries wait: none reaches
        // dead letters.
        await AwaitCondition.UntilAsync(() => Volatile.Read(ref _calls) >= Partitions + 3, Wait, "three trials after the first failures");
        Assert.All(node.Harness.Processing.GetStatus().Queues.Where(q => q.Queue == Queue), row => Assert.True(row.CircuitOpen, $"{row.BrokerQueue} is not shown circuit-open"));
        Assert.Empty(node.Harness.Recorder.DeadLettered);
        Assert.Equal(0, _ledger.Handled);

        _broken = false;
        await AwaitAllHandledAsync(keys);
        Assert.Empty(node.Harness.Recorder.DeadLettered);
        Assert.Empty(node.Harness.DeadLetterFiles());
        Assert.DoesNotContain(node.Harness.Processing.GetStatus().Queues, row => row.Queue == Queue && row.CircuitOpen);
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"Queue {Queue} (partitioned) fails on every event", StringComparison.Ordinal));
        Assert.Single(_logs.Entries, e => e.Message.Contains($"Queue {Queue} (partitioned) handled an event again: resumed", StringComparison.Ordinal));
    }

    /// <summary>The partitions <paramref name="node"/> says it consumes (its processing status, what <c>queue list</c> shows).</summary>
    private string[] PartitionRows(Node node) =>
        [.. node.Harness.Processing.GetStatus().Queues.Where(q => q.Queue == Queue).Select(q => q.BrokerQueue)];

    /// <summary>Publishes one event per key per round, keys interleaved, each with the key's next sequence number.</summary>
    private async Task PublishRoundsAsync(IReadOnlyList<string> keys, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var key in keys)
            {
                int sequence;
                lock (_published)
                {
                    sequence = _published.GetValueOrDefault(key);
                    _published[key] = sequence + 1;
                }

                await _publisher!.PublishAsync("s1", Queue, new TestEvent(key, sequence), new PublishOptions { PartitionKey = key });
            }
        }
    }

    /// <summary>Publishes event 0 of key "poisoned" under <paramref name="messageId"/> (outside the published rounds).</summary>
    private async Task PublishPoisonedAsync(string messageId) =>
        await _publisher!.PublishAsync("s1", Queue, new TestEvent("poisoned", 0), new PublishOptions { PartitionKey = "poisoned", MessageId = messageId });

    /// <summary>Every key's events were handled, each once and in publish order.</summary>
    private async Task AwaitAllHandledAsync(IReadOnlyList<string> keys)
    {
        await AwaitCondition.UntilAsync(() => keys.All(key => _ledger.SequenceOf(key).Count >= _published[key]), Wait, "every published event to be handled");
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, _published[key]), _ledger.SequenceOf(key));
        }
    }

    /// <param name="config">HOCON over the partition tests' own.</param>
    private async Task<Node> StartNodeAsync(string name, string config = "")
    {
        var system = ActorSystem.Create("partitions", Akka.Configuration.ConfigurationFactory.ParseString(ClusterHocon));
        var transport = await ConnectAsync();
        var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        var script = new HandlerScript { OnEvent = (e, _, ct) => HandleAsync(name, e, ct) };
        var harness = await ProcessingHarness.StartAsync(
            services => services.AddSingleton(script).AddQueueHandler<ScriptedHandler>(Queue),
            $$"""
            queueactors.messaging { dead-letter-queue = "qa.dead-letters-{{_id}}", partitions { {{Queue}} = {{Partitions}} } }
            queueactors.processing.max-retries = {{MaxRetries}}
            {{config}}
            """,
            loggerFactory,
            transport,
            system: system);
        var seed = _nodes.Count > 0 ? _nodes[0].System : system;
        await AkkaCluster.Get(system).JoinAsync(AkkaCluster.Get(seed).SelfAddress);
        var node = new Node(name, system, transport, harness, loggerFactory);
        _nodes.Add(node);
        if (_publisher is null)
        {
            _publisherTransport = await ConnectAsync();
            _publisher = new EventPublisher(_publisherTransport, harness.Topology);
        }

        return node;
    }

    private async ValueTask HandleAsync(string node, TestEvent e, CancellationToken cancellationToken)
    {
        using (_ledger.Enter(e.Text))
        {
            await Task.Yield(); // a handler that awaits: an overlap with another node's handler would show
            Interlocked.Increment(ref _calls);
            if (_broken)
            {
                throw new InvalidOperationException("database down");
            }

            lock (Failures)
            {
                if (Failures.TryGetValue((e.Text, e.Number), out var left) && left > 0)
                {
                    Failures[(e.Text, e.Number)] = left - 1;
                    throw new InvalidOperationException($"scripted failure of {e.Text} #{e.Number}");
                }
            }

            _ledger.Record(node, e.Text, e.Number);
        }
    }

    /// <summary>A graceful leave: processing stops (handing its partitions off), then the node leaves the cluster.</summary>
    private async Task StopNodeAsync(Node node)
    {
        _nodes.Remove(node);
        await node.Harness.DisposeAsync();
        await AkkaCluster.Get(node.System).LeaveAsync();
        await node.System.Terminate();
        await node.Transport.DisposeAsync();
        node.Logging.Dispose();
    }

    /// <summary>A new connection to the transport under test (one per node, one for the publisher).</summary>
    protected abstract Task<ITransport> ConnectAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes).ToArray())
        {
            await StopNodeAsync(node);
        }

        if (_publisherTransport is not null)
        {
            await _publisherTransport.DisposeAsync();
        }
    }

    private const string ClusterHocon = """
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          cluster {
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            sharding.rebalance-interval = 500ms
            sharded-daemon-process.keep-alive-interval = 500ms
          }
        }
        """;

    private sealed record Node(string Name, ActorSystem System, ITransport Transport, ProcessingHarness Harness, ILoggerFactory Logging);
}
