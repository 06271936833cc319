using System.Diagnostics;
using QueueActors.Actors.Runtime;

namespace QueueActors.Benchmarks;

/// <summary>The measured scenarios; each builds and terminates its own actor system.</summary>
internal static class Scenarios
{
    public static async Task<double> PingPongAsync(int inFlight, int roundTrips)
    {
        await using var system = BenchmarkSystem.Create();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = (long)roundTrips;
        var pong = system.ActorOf(Props.Create(() => new PongActor()));
        var ping = system.ActorOf(Props.Create(() => new PingActor(pong, () => Interlocked.Decrement(ref remaining) <= 0 && done.TrySetResult())));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < inFlight; i++)
        {
            ping.Tell(Ball.Instance);
        }

        await done.Task;
        watch.Stop();
        return KernelBenchmarks.PerSecond(2L * roundTrips, watch);
    }

    public static async Task<double> FanOutAsync(int receivers, int messages)
    {
        await using var system = BenchmarkSystem.Create();
        var done = new Countdown(receivers);
        var perReceiver = messages / receivers;
        var targets = Enumerable.Range(0, receivers)
            .Select(_ => system.ActorOf(Props.Create(() => new CountingActor(perReceiver, done.Signal))))
            .ToArray();
        var watch = Stopwatch.StartNew();
        await OnOwnThreadsAsync(1, _ =>
        {
            for (var i = 0; i < perReceiver; i++)
            {
                foreach (var target in targets)
                {
                    target.Tell(Ball.Instance);
                }
            }
        });
        await done.Task;
        watch.Stop();
        return KernelBenchmarks.PerSecond((long)perReceiver * receivers, watch);
    }

    public static async Task<double> FanInAsync(int senders, int messages)
    {
        await using var system = BenchmarkSystem.Create();
        var done = new Countdown(1);
        var perSender = messages / senders;
        var target = system.ActorOf(Props.Create(() => new CountingActor(perSender * senders, done.Signal)));
        var watch = Stopwatch.StartNew();
        await OnOwnThreadsAsync(senders, _ =>
        {
            for (var i = 0; i < perSender; i++)
            {
                target.Tell(Ball.Instance);
            }
        });
        await done.Task;
        watch.Stop();
        return KernelBenchmarks.PerSecond((long)perSender * senders, watch);
    }

    /// <summary>
    /// Senders outside the actor system run on threads of their own, as a broker client's would: a sender
    /// (or a blocking wait) on a thread-pool thread would take a worker away from the actors measured.
    /// </summary>
    private static Task OnOwnThreadsAsync(int count, Action<int> body) => Task.WhenAll(Enumerable.Range(0, count).Select(index =>
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            body(index);
            finished.SetResult();
        }) { IsBackground = true }.Start();
        return finished.Task;
    }));

    /// <summary>Actors per second, counting until every actor has run PreStart.</summary>
    public static async Task<double> SpawnAsync(int count)
    {
        await using var system = BenchmarkSystem.Create();
        var started = new Countdown(count);
        var props = Props.Create(() => new StartSignalActor(started));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(props);
        }

        await started.Task;
        watch.Stop();
        return KernelBenchmarks.PerSecond(count, watch);
    }

    /// <summary>Managed heap growth per started, idle actor (its cell, queues, name, registry entry and instance).</summary>
    public static async Task<double> BytesPerIdleActorAsync(int count)
    {
        await using var system = BenchmarkSystem.Create();
        var started = new Countdown(count);
        var props = Props.Create(() => new StartSignalActor(started));
        system.ActorOf(props).Tell(Ball.Instance);
        KernelBenchmarks.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 1; i < count; i++)
        {
            system.ActorOf(props);
        }

        await started.Task;
        KernelBenchmarks.Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(system);
        return (after - before) / (double)(count - 1);
    }

    private sealed record Ball
    {
        public static Ball Instance { get; } = new();
    }

    private sealed class PongActor : ActorBase
    {
        protected override ValueTask ReceiveAsync(object message)
        {
            Sender.Tell(message, Self);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PingActor(IActorRef pong, Func<bool> countDown) : ActorBase
    {
        protected override ValueTask ReceiveAsync(object message)
        {
            if (!countDown())
            {
                pong.Tell(message, Self);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class CountingActor(int expected, Action done) : ActorBase
    {
        private int count;

        protected override ValueTask ReceiveAsync(object message)
        {
            if (++count == expected)
            {
                done();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class StartSignalActor(Countdown started) : ActorBase
    {
        protected override void PreStart() => started.Signal();

        protected override ValueTask ReceiveAsync(object message) => ValueTask.CompletedTask;
    }
}
