using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

/// <summary>
/// A worker that dies leaves its deliveries unacknowledged; the broker redelivers them with a higher count.
/// Here a subscription that is disposed without settling plays the dead worker, and the node's handling
/// journal says whether a handler had started on the event when it died (only then is it a crash).
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    private readonly TempDirectory _data = new();
    private InMemoryTransport? _owned;

    private InMemoryTransport Transport => _owned ??= Own(new InMemoryTransport());

    private string Config => $"queueactors.processing.max-retries = 2\nqueueactors.data-directory = \"{_data.Path}\"";

    [Fact]
    public async Task An_event_whose_workers_died_in_its_handler_more_than_max_retries_times_is_dead_lettered_unhandled()
    {
        var calls = 0;
        Script.OnEvent = (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.CompletedTask;
        };
        var id = await PublishThenKillWorkersAsync(deaths: 3, startedHandling: true);

        await StartAsync(Config, Transport);
        var record = await Recorder.WaitForDeadLetterAsync(id);

        Assert.Equal(DeadLetterReason.CrashLoop, record.Reason);
        Assert.Equal(3, record.Attempts);
        Assert.Equal(typeof(Actors.Processing.WorkerDiedException).FullName, record.ExceptionType);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task An_event_whose_worker_died_once_in_its_handler_is_retried_as_a_counted_attempt_and_then_handled()
    {
        var id = await PublishThenKillWorkersAsync(deaths: 1, startedHandling: true);

        await StartAsync(Config, Transport);

        var retry = await Recorder.WaitForRetryAsync(id, 1);
        Assert.Null(retry.Error);
        var handled = await Recorder.WaitForHandledAsync(id);
        Assert.Equal(1, handled.Envelope.Attempts);
    }

    [Fact]
    public async Task An_event_redelivered_from_dead_workers_that_never_started_it_is_an_ordinary_attempt()
    {
        var id = await PublishThenKillWorkersAsync(deaths: 5, startedHandling: false);

        await StartAsync(Config, Transport);

        var handled = await Recorder.WaitForHandledAsync(id);
        Assert.Equal(0, handled.Envelope.Attempts);
        Assert.Empty(Recorder.DeadLettered);
        Assert.Empty(Recorder.Retried);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>
    /// Each death: a worker takes the event (prefetch) and dies without settling it; with
    /// <paramref name="startedHandling"/> its handler had started, as the journal of node-1 records it.
    /// </summary>
    private async Task<string> PublishThenKillWorkersAsync(int deaths, bool startedHandling)
    {
        var spec = new QueueSpec("qa.work", Durable: false);
        await Transport.DeclareAsync(spec);
        var envelope = new Envelope { Site = "s1", Queue = "work", EnqueuedAt = DateTimeOffset.UtcNow, Body = EventBytes("poison") };
        await Transport.PublishAsync(spec.BrokerQueue, envelope);
        for (var i = 0; i < deaths; i++)
        {
            var journal = new HandlingJournal(Path.Combine(_data.Path, "handling"), "node-1", TimeProvider.System, NullLogger.Instance);
            journal.Open();
            var probe = new DeliveryProbe();
            var worker = await Transport.SubscribeAsync(spec, 1, probe.OnDeliveryAsync);
            await probe.ExpectAsync();
            if (startedHandling)
            {
                journal.Started([envelope.MessageId]);
            }

            await worker.DisposeAsync(); // dies holding it
            journal.Close();
        }

        return envelope.MessageId;
    }

    private static byte[] EventBytes(string text) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new TestEvent(text), EventJson.Options);
}
