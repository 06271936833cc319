using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;
using QueueActors.Host.Web;
using QueueActors.Tests.Host.Embedded;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Web;

/// <summary>
/// An embedded node (SQLite transport, seed and worker: it serves the status page) with <see cref="PageHandler"/> on
/// <see cref="Queues"/> (and <paramref name="queues"/>), dead-lettering at the first failure; <paramref name="httpSettings"/> are
/// extra lines of its <c>queueactors.http</c> section, <paramref name="settings"/> of its <c>queueactors</c> section (a broker).
/// </summary>
public sealed class StatusPageNode(string httpSettings = "", string settings = "", params string[] queues) : IAsyncDisposable
{
    public const string Name = "page-node";
    public const string Site = "page.example";

    /// <summary>The queues its handlers consume; each test uses its own.</summary>
    public static readonly string[] Queues = ["pageload", "pagepause", "pagedead", "pagecsrf"];

    private readonly TempDirectory data = new();
    private NodeApplication? node;

    public IServiceProvider Services => node!.Services;

    public PageEvents Events => Services.GetRequiredService<PageEvents>();

    public ITransport Transport => Services.GetRequiredService<ITransport>();

    /// <summary>The status page's address (<c>http://127.0.0.1:port/</c>, or the bound address).</summary>
    public Uri PageUrl => Services.GetRequiredService<NodeWebServer>().StatusPageUrl!;

    public async Task StartAsync()
    {
        var configFile = Path.Combine(data.Path, "node.conf");
        await File.WriteAllTextAsync(configFile, $$"""
            queueactors {
              node.name = {{Name}}
              data-directory = {{JsonSerializer.Serialize(Path.Combine(data.Path, "data"))}}
              sqlite.synchronous = normal
              shutdown-timeout = 5s
              processing.dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(data.Path, "dead"))}}
              processing.max-retries = 0
              http {
                enabled = on
                {{httpSettings}}
              }
              {{settings}}
            }
            """);
        var options = NodeOptions.FromConfig(ConfigLoader.Load(configFile), configFile, roles: null);
        node = await NodeHost.BuildAsync(options, services =>
        {
            services.AddSingleton(new PageEvents());
            foreach (var queue in Queues.Concat(queues))
            {
                services.AddQueueHandler<PageHandler>(queue);
            }
        });
        await node.Host.StartAsync();
    }

    public ValueTask<string> PublishAsync(string queue, string text) =>
        Services.GetRequiredService<IEventPublisher>().PublishAsync(Site, queue, new RecordedEvent(text));

    public string DataDirectory => data.Path;

    public string BrokerQueue(string queue) => Services.GetRequiredService<QueueTopology>().SharedSpec(queue).BrokerQueue;

    public async Task<long> DepthAsync(string queue) => (await Transport.GetStatusAsync(BrokerQueue(queue))).MessagesReady;

    public bool IsPaused(string queue) =>
        Services.GetRequiredService<ProcessingService>().GetStatus().Queues.Any(q => q.Queue == queue && q.Paused);

    public async ValueTask DisposeAsync()
    {
        if (node is not null)
        {
            await node.Host.StopAsync();
            await node.DisposeAsync();
        }

        data.Dispose();
    }
}
