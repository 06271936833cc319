using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>
/// Worker processes (tests/QueueActors.TestWorker) that die: killed with SIGKILL mid-handling, or killing
/// themselves with Environment.FailFast. The broker redelivers what they held; nothing is lost and a message
/// that kills every worker ends in dead letters instead of a crash loop.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RabbitMqCollection.Name)]
public sealed class WorkerProcessTests(RabbitMqFixture brokers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "qa-workers-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<WorkerProcess> _workers = [];
    private Actors.Transport.RabbitMq.RabbitMqTransport? _transport;

    private string Queue => "worker-" + _id;

    private string Out => Path.Combine(_root, "out");

    private string DeadLetters => Path.Combine(_root, "dead");

    [Fact]
    public async Task A_worker_killed_mid_handling_loses_nothing_its_events_are_handled_by_the_next_worker()
    {
        var publisher = await PublisherAsync();
        var victim = await publisher.PublishAsync("s1", Queue, new { action = "block-once", text = "victim" });
        var first = StartWorker();
        await AwaitFileAsync($"blocked.{victim}", first);
        var others = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            others.Add(await publisher.PublishAsync("s1", Queue, new { action = "ok", text = "other " + i }));
        }

        first.KillHard();
        await first.WaitForExitAsync();
        var second = StartWorker();

        foreach (var id in others.Prepend(victim))
        {
            await AwaitFileAsync($"handled.{id}.{second.Id}", second);
        }
    }

    [Fact]
    public async Task Sigterm_finishes_the_event_in_flight_hands_back_the_rest_and_exits_cleanly()
    {
        var publisher = await PublisherAsync();
        // 3 s: longer than System.CommandLine's own 2 s grace after SIGTERM, which the node's drain must not be cut by.
        var slow = await publisher.PublishAsync("s1", Queue, new { action = "slow", text = "in flight" });
        var first = StartWorker();
        await AwaitFileAsync($"started.{slow}.{first.Id}", first);
        var waiting = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            waiting.Add(await publisher.PublishAsync("s1", Queue, new { action = "ok", text = "waiting " + i }));
        }

        await first.TerminateAsync();
        await first.WaitForExitAsync().WaitAsync(Wait);

        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(Path.Combine(Out, $"handled.{slow}.{first.Id}")), "the event in flight was finished before the exit");
        var second = StartWorker();
        foreach (var id in waiting)
        {
            await AwaitFileAsync($"handled.{id}.{second.Id}", second);
        }
    }

    [Fact]
    public async Task An_event_that_makes_every_worker_fail_fast_is_dead_lettered_after_max_retries_deaths()
    {
        var publisher = await PublisherAsync();
        var poison = await publisher.PublishAsync("s1", Queue, new { action = "failfast", text = "poison" });
        var deaths = 0;
        while (!HasDeadLetter())
        {
            Assert.True(deaths <= 3, $"still no dead letter after {deaths} worker deaths (max-retries = 2)");
            var worker = StartWorker();
            var died = worker.WaitForExitAsync();
            var deadLettered = AwaitCondition.UntilAsync(HasDeadLetter, Wait, "the worker to die or to dead-letter the event");
            if (await Task.WhenAny(died, deadLettered) == died)
            {
                deaths++;
                Assert.Single(Directory.GetFiles(Out, $"started.{poison}.{worker.Id}")); // it died handling the poison event
            }
            else
            {
                await deadLettered;
            }
        }

        Assert.Equal(3, deaths);
        var letter = await DeadLetterFiles.ReadAsync(Directory.GetFiles(DeadLetters, "*.json").Single());
        Assert.Equal((poison, DeadLetterReason.CrashLoop), (letter!.MessageId, letter.Reason));
        Assert.Equal(0, (await _transport!.GetStatusAsync("qa." + Queue)).MessagesReady);
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(_root, "worker.conf"), $$"""
            queueactors {
              transport.rabbitmq { servers = ["{{brokers.Primary.AmqpUri}}"], initial-reconnect-interval = 200ms, max-reconnect-interval = 1s }
              messaging { persistent = [{{Queue}}], dead-letter-queue = "qa.dead-letters-{{_id}}" }
              processing {
                max-retries = 2
                dead-letter-dir = "{{DeadLetters}}"
                retry-backoff { min = 50ms, max = 200ms }
              }
              shutdown-timeout = 5s
              data-directory = "{{Path.Combine(_root, "data")}}"
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

        Directory.Delete(_root, recursive: true);
    }

    private bool HasDeadLetter() => Directory.Exists(DeadLetters) && Directory.GetFiles(DeadLetters, "*.json").Length > 0;

    private async Task<EventPublisher> PublisherAsync()
    {
        _transport = await Transport.RabbitMq.TestTransports.ConnectAsync(brokers.Primary.AmqpUri);
        var topology = new QueueTopology(MessagingSettings.FromConfig(Actors.Config.ConfigLoader.Load(Path.Combine(_root, "worker.conf"))));
        return new EventPublisher(_transport, topology);
    }

    private WorkerProcess StartWorker()
    {
        var worker = WorkerProcess.Start(Path.Combine(_root, "worker.conf"), Queue, Out);
        _workers.Add(worker);
        return worker;
    }

    private async Task AwaitFileAsync(string name, WorkerProcess worker)
    {
        try
        {
            await AwaitCondition.UntilAsync(() => File.Exists(Path.Combine(Out, name)), Wait, name);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"No {name} within {Wait}; worker {worker.Id} (exited: {worker.HasExited}) said:\n{worker.Output}");
        }
    }
}
