using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

/// <summary>
/// A worker that dies while handling leaves the delivery unacknowledged; the broker redelivers it with a
/// higher count. Here a subscription that is disposed without settling plays the dead worker.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    private InMemoryTransport? _owned;

    private InMemoryTransport Transport => _owned ??= Own(new InMemoryTransport());

    [Fact]
    public async Task An_event_whose_workers_died_more_than_max_retries_times_is_dead_lettered_unhandled()
    {
        var calls = 0;
        Script.OnEvent = (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.CompletedTask;
        };
        var id = await PublishThenKillWorkersAsync(deaths: 3);

        await StartAsync("queueactors.processing.max-retries = 2", Transport);
        var record = await Recorder.WaitForDeadLetterAsync(id);

        Assert.Equal(DeadLetterReason.CrashLoop, record.Reason);
        Assert.Equal(3, record.Attempts);
        Assert.Equal(typeof(Actors.Processing.WorkerDiedException).FullName, record.ExceptionType);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task An_event_whose_worker_died_once_is_retried_as_a_counted_attempt_and_then_handled()
    {
        var id = await PublishThenKillWorkersAsync(deaths: 1);

        await StartAsync("queueactors.processing.max-retries = 2", Transport);

        var retry = await Recorder.WaitForRetryAsync(id, 1);
        Assert.Null(retry.Error);
        var handled = await Recorder.WaitForHandledAsync(id);
        Assert.Equal(1, handled.Envelope.Attempts);
    }

    private async Task<string> PublishThenKillWorkersAsync(int deaths)
    {
        var spec = new QueueSpec("qa.work", Durable: false);
        await Transport.DeclareAsync(spec);
        var envelope = new Envelope { Site = "s1", Queue = "work", EnqueuedAt = DateTimeOffset.UtcNow, Body = EventBytes("poison") };
        await Transport.PublishAsync(spec.BrokerQueue, envelope);
        for (var i = 0; i < deaths; i++)
        {
            var probe = new DeliveryProbe();
            var worker = await Transport.SubscribeAsync(spec, 1, probe.OnDeliveryAsync);
            await probe.ExpectAsync();
            await worker.DisposeAsync(); // dies holding it
        }

        return envelope.MessageId;
    }

    private static byte[] EventBytes(string text) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new TestEvent(text), EventJson.Options);
}
