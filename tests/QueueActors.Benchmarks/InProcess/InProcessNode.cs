using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Benchmarks.Pipeline;

namespace QueueActors.Benchmarks.InProcess;

/// <summary>
/// A worker node on the in-memory transport (no broker, no network): DI, the benchmark's no-op handler class,
/// reference.conf defaults, one logical queue. Dead letters and the node's data directory (the handling journal)
/// go to a fresh temporary folder, deleted on dispose.
/// </summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ActorSystem _system;
    private readonly string _directory;

    private InProcessNode(ServiceProvider services, ActorSystem system, string queue, string directory)
    {
        _services = services;
        _system = system;
        Queue = queue;
        _directory = directory;
    }

    public string Queue { get; }

    public AckCounter Acks => _services.GetRequiredService<AckCounter>();

    public IEventPublisher Publisher => _services.GetRequiredService<IEventPublisher>();

    public ProcessingService Processing => _services.GetRequiredService<ProcessingService>();

    public static async Task<InProcessNode> StartAsync(int concurrency, ushort prefetch)
    {
        var queue = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-inprocess-" + queue);
        var config = ConfigLoader.LoadText($$"""
            queueactors.data-directory = "{{Path.Combine(directory, "data")}}"
            queueactors.processing {
              dead-letter-dir = "{{Path.Combine(directory, "dead-letters")}}"
              queue-overrides.{{queue}} { concurrency = {{concurrency}}, prefetch = {{prefetch}} }
            }
            queueactors.stats { directory = "{{Environment.GetEnvironmentVariable("QUEUEACTORS_BENCH_STATS_DIR") ?? ""}}", interval = 1s }
            """);
        var services = new ServiceCollection()
            .AddSingleton<ITransport>(new InMemoryTransport())
            .AddSingleton<BenchState>()
            .AddSingleton<AckCounter>()
            .AddSingleton<IProcessingObserver>(sp => sp.GetRequiredService<AckCounter>())
            .AddQueueActors(config)
            .AddQueueHandler<BenchHandler>(queue)
            .BuildServiceProvider();
        var system = NodeActorSystem.Create("bench-inprocess");
        var node = new InProcessNode(services, system, queue, directory);
        await node.Publisher.PublishAsync("site", queue, BenchPayload.Create(0)); // declares the queue
        var first = node.Acks.Expect(1);
        await node.Processing.StartAsync(system);
        await first;
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await Processing.StopAsync(TimeSpan.FromSeconds(10));
        await _system.Terminate();
        await _services.GetRequiredService<ITransport>().DisposeAsync();
        await _services.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
