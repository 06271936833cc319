using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport.RabbitMq;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// A QueueActors worker node as an application builds it (DI, handler class, reference.conf defaults), on
/// one logical queue, persistent, of the given kind. Processing starts on <see cref="StartProcessingAsync"/>.
/// Its data directory (the handling journal) is a fresh temporary folder, deleted with the dead letters on dispose.
/// </summary>
internal sealed class PipelineNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ActorSystem _system;
    private readonly string _deadLetters;
    private readonly string _data;

    private PipelineNode(ServiceProvider services, ActorSystem system, string queue, string deadLetters, string data)
    {
        _data = data;
        _services = services;
        _system = system;
        Queue = queue;
        _deadLetters = deadLetters;
    }

    public string Queue { get; }

    public string BrokerQueue => QueueTopology.Prefix + Queue;

    public BenchState State => _services.GetRequiredService<BenchState>();

    public AckCounter Acks => _services.GetRequiredService<AckCounter>();

    public IEventPublisher Publisher => _services.GetRequiredService<IEventPublisher>();

    /// <summary>The stats files' directory (issue [8]), from QUEUEACTORS_BENCH_STATS_DIR: "" (unset) runs with stats files off.</summary>
    private static string StatsDirectory => Environment.GetEnvironmentVariable("QUEUEACTORS_BENCH_STATS_DIR") ?? "";

    public static async Task<PipelineNode> StartAsync(Uri broker, QueueKind kind, int concurrency, ushort prefetch)
    {
        var queue = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var deadLetters = Path.Combine(Path.GetTempPath(), "qa-bench-dead-" + queue);
        var data = Path.Combine(Path.GetTempPath(), "qa-bench-data-" + queue);
        var config = ConfigLoader.LoadText($$"""
            queueactors.data-directory = "{{data}}"
            queueactors.messaging { persistent = [{{queue}}], durable-queue-type = {{(kind == QueueKind.Quorum ? "quorum" : "classic")}} }
            queueactors.processing {
              dead-letter-dir = "{{deadLetters}}"
              queue-overrides.{{queue}} { concurrency = {{concurrency}}, prefetch = {{prefetch}} }
            }
            queueactors.stats { directory = "{{StatsDirectory}}", interval = 1s }
            """);
        var transport = await RabbitMqTransport.ConnectAsync(RabbitMqTransportOptions.FromConfig(config, [broker]));
        var services = new ServiceCollection()
            .AddSingleton<Actors.Transport.ITransport>(transport)
            .AddSingleton<BenchState>()
            .AddSingleton<AckCounter>()
            .AddSingleton<IProcessingObserver>(sp => sp.GetRequiredService<AckCounter>())
            .AddQueueActors(config)
            .AddQueueHandler<BenchHandler>(queue)
            .BuildServiceProvider();
        var system = NodeActorSystem.Create("bench");
        return new PipelineNode(services, system, queue, deadLetters, data);
    }

    public Task StartProcessingAsync() => _services.GetRequiredService<ProcessingService>().StartAsync(_system);

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<ProcessingService>().StopAsync(TimeSpan.FromSeconds(10));
        await _system.Terminate();
        await _services.GetRequiredService<Actors.Transport.ITransport>().DisposeAsync();
        await _services.DisposeAsync();
        foreach (var directory in new[] { _deadLetters, _data })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
