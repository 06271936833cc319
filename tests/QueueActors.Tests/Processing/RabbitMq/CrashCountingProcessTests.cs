using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>
/// Crash counting with real worker processes (tests/QueueActors.TestWorker) on a quorum queue, whose broker
/// counts every redelivery, prefetched ones included: only events whose handler had started when the worker
/// died count a crash, and a death between a retry's publish and the original's ack leaves one event one
/// sequence of attempts with one dead letter.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class CrashCountingProcessTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int MaxRetries = 2;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory _root = new();
    private readonly List<WorkerProcess> _workers = [];
    private Actors.Transport.RabbitMq.RabbitMqTransport? _transport;

    private string Queue => "crash-" + _id;

    private string Out => Path.Combine(_root.Path, "out");

    private string DeadLetters => Path.Combine(_root.Path, "dead");

    [Fact]
    public async Task Killing_a_worker_that_holds_prefetched_unstarted_events_more_than_max_retries_times_dead_letters_none_of_them()
    {
        var publisher = await PublisherAsync();
        var gates = new List<string>();
        for (var i = 0; i <= MaxRetries; i++)
        {
            gates.Add(await publisher.PublishAsync("s1", Queue, new { action = "block-once", text = "gate " + i }));
        }

        var waiting = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            waiting.Add(await publisher.PublishAsync("s1", Queue, new { action = "ok", text = "waiting " + i }));
        }

        // Each worker blocks in one gate's handler while it holds the rest prefetched, and is killed there.
        for (var kill = 1; kill <= MaxRetries + 1; kill++)
        {
            var worker = StartWorker();
            await AwaitAsync(() => Directory.GetFiles(Out, "blocked.*").Length == kill, $"worker {kill} to block in a gate", worker);
            worker.KillHard();
            await worker.WaitForExitAsync();
        }

        var last = StartWorker();
        foreach (var id in waiting.Concat(gates))
        {
            await AwaitAsync(() => Directory.GetFiles(Out, $"handled.{id}.*").Length > 0, $"event {id} to be handled", last);
        }

        Assert.False(HasDeadLetter(), "no event went to dead letters: " + string.Join(", ", DeadLetterFiles()));

        // A real crash loop still ends in dead letters: an event whose handler kills its worker each time.
        var poison = await publisher.PublishAsync("s1", Queue, new { action = "failfast", text = "poison" });
        var deaths = 0;
        var current = last;
        while (true)
        {
            var died = current.WaitForExitAsync();
            var deadLettered = AwaitCondition.UntilAsync(HasDeadLetter, Wait, "the worker to die or to dead-letter the event");
            if (await Task.WhenAny(died, deadLettered) != died)
            {
                await deadLettered;
                break;
            }

            deaths++;
            Assert.True(deaths <= MaxRetries + 1, $"still no dead letter after {deaths} deaths");
            current = StartWorker();
        }

        Assert.Equal(MaxRetries + 1, deaths);
        var letter = await Actors.Processing.DeadLetters.DeadLetterFiles.ReadAsync(Assert.Single(DeadLetterFiles()));
        Assert.Equal((poison, DeadLetterReason.CrashLoop, MaxRetries + 1), (letter!.MessageId, letter.Reason, letter.Attempts));
    }

    [Fact]
    public async Task A_worker_that_dies_between_a_retry_publish_and_the_ack_leaves_one_sequence_of_attempts_and_one_dead_letter()
    {
        var publisher = await PublisherAsync();
        var failing = await publisher.PublishAsync("s1", Queue, new { action = "fail", text = "always fails" });
        var first = StartWorker(new Dictionary<string, string> { ["QA_WORKER_DIE_AFTER_RETRY_PUBLISH"] = "1" });
        await first.WaitForExitAsync().WaitAsync(Wait);

        var second = StartWorker();
        await AwaitAsync(HasDeadLetter, "the event to be dead-lettered", second);
        var attempts = Path.Combine(Out, "attempts." + failing);
        var expected = new[] { $"0 {first.Id}", $"1 {second.Id}", $"2 {second.Id}" };

        // A second sequence would follow within the retry backoff (at most 200 ms): it must not come.
        await AwaitNeverAsync(() => File.ReadAllLines(attempts).Length > expected.Length || DeadLetterFiles().Length > 1, TimeSpan.FromSeconds(2));
        Assert.Equal(expected, File.ReadAllLines(attempts));
        var letter = await Actors.Processing.DeadLetters.DeadLetterFiles.ReadAsync(Assert.Single(DeadLetterFiles()));
        Assert.Equal((failing, DeadLetterReason.RetriesExhausted, MaxRetries + 1), (letter!.MessageId, letter.Reason, letter.Attempts));
        Assert.Contains("stale copy", second.Output);
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(_root.Path, "worker.conf"), $$"""
            queueactors {
              transport.rabbitmq { servers = ["{{brokers.Primary.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{_id}}" }
              processing {
                max-retries = {{MaxRetries}}
                dead-letter-dir = "{{DeadLetters}}"
                retry-backoff { min = 50ms, max = 200ms }
                queue-defaults { concurrency = 1, prefetch = 30 }
              }
              shutdown-timeout = 2s
              data-directory = "{{Path.Combine(_root.Path, "data")}}"
            }
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            output.WriteLine($"--- worker {worker.Id} ---\n{worker.Output}");
            await worker.DisposeAsync();
        }

        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }

        _root.Dispose();
    }

    private string[] DeadLetterFiles() => Directory.Exists(DeadLetters) ? Directory.GetFiles(DeadLetters, "*.json") : [];

    private bool HasDeadLetter() => DeadLetterFiles().Length > 0;

    private async Task<EventPublisher> PublisherAsync()
    {
        _transport = await Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        var topology = new QueueTopology(MessagingSettings.FromConfig(Actors.Config.ConfigLoader.Load(Path.Combine(_root.Path, "worker.conf"))));
        return new EventPublisher(_transport, topology);
    }

    private WorkerProcess StartWorker(IReadOnlyDictionary<string, string>? environment = null)
    {
        var worker = WorkerProcess.Start(Path.Combine(_root.Path, "worker.conf"), Queue, Out, environment);
        _workers.Add(worker);
        return worker;
    }

    private static async Task AwaitAsync(Func<bool> condition, string what, WorkerProcess worker)
    {
        try
        {
            await AwaitCondition.UntilAsync(condition, Wait, what);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"Not {what} within {Wait}; worker {worker.Id} (exited: {worker.HasExited}) said:\n{worker.Output}");
        }
    }

    /// <summary>Fails as soon as <paramref name="condition"/> holds within <paramref name="window"/>.</summary>
    private static async Task AwaitNeverAsync(Func<bool> condition, TimeSpan window)
    {
        try
        {
            await AwaitCondition.UntilAsync(condition, window, "nothing more to happen");
        }
        catch (Xunit.Sdk.XunitException)
        {
            return; // it never held
        }

        Assert.Fail("something more happened within " + window);
    }
}
