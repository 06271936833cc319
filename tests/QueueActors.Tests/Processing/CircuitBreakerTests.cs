using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

public sealed class CircuitBreakerTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    private const string Config = """
        queueactors.processing {
          max-retries = 1
          retry-backoff { min = 1ms, max = 1ms }
          circuit-breaker { failures = 3, min-backoff = 100ms, max-backoff = 200ms }
          queue-defaults { concurrency = 1, prefetch = 20 }
        }
        """;

    [Fact]
    public async Task A_queue_failing_on_every_event_pauses_instead_of_burning_its_events_into_dead_letters()
    {
        var broken = true;
        Script.OnEvent = (_, _, _) => Volatile.Read(ref broken) ? throw new InvalidOperationException("database down") : ValueTask.CompletedTask;
        await StartAsync(Config);

        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await PublishAsync("s1", "event " + i));
        }

        await Logs.ExpectAsync(e => e.Message.Contains("fails on every event", StringComparison.Ordinal));
        await Recorder.ExpectNothingAsync(TimeSpan.FromMilliseconds(300)); // trials fail, but count no attempt
        Assert.Equal(3, Recorder.Retried.Count); // only the failures in a row that opened the circuit counted

        Volatile.Write(ref broken, false);
        await Recorder.WaitUntilAsync(r => r.Handled.Count == 10, "every event handled once the handler works again", TimeSpan.FromSeconds(10));
        Assert.Empty(Recorder.DeadLettered); // max-retries is 1: without the pause most would have been burnt
        await Logs.ExpectAsync(e => e.Message.Contains("resumed", StringComparison.Ordinal));
        Assert.Single(Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("fails on every event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_interleaved_with_successes_never_pause_the_queue()
    {
        Script.OnEvent = (e, context, _) => e.Number % 2 == 0 && context.Attempts == 0 ? throw new InvalidOperationException("odd one") : ValueTask.CompletedTask;
        await StartAsync(Config);

        for (var i = 0; i < 12; i++)
        {
            await Harness.Publisher.PublishAsync("s1", "work", new TestEvent("e", i));
        }

        await Recorder.WaitUntilAsync(r => r.Handled.Count == 12, "all handled");
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains("fails on every event", StringComparison.Ordinal));
    }
}
