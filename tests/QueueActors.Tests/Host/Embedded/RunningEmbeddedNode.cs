using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>
/// An embedded node (SQLite transport, worker and seed) in this process, started, with its seed singletons (site
/// registry, dead-letter store) active, so that commands run against its configuration file find it. Its only handler
/// is on the queue <c>other</c>: events of every other queue stay where they were published.
/// </summary>
public sealed class RunningEmbeddedNode : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory? _ownData;

    private RunningEmbeddedNode(TempDirectory? ownData, string configFile, NodeApplication node)
    {
        _ownData = ownData;
        ConfigFile = configFile;
        Node = node;
    }

    /// <summary>The node's configuration file (pass it to commands as --config).</summary>
    public string ConfigFile { get; }

    public NodeApplication Node { get; }

    /// <summary>Starts a node whose configuration is the defaults for a test plus <paramref name="extraConfig"/> (inside <c>queueactors { }</c>).</summary>
    /// <param name="extraConfig">Settings inside <c>queueactors { }</c>.</param>
    /// <param name="data">The folder of its files, kept after the node (for a restart); null: a new one, deleted after it.</param>
    /// <param name="awaitSeed">Whether to return only once the seed singletons are active.</param>
    public static async Task<RunningEmbeddedNode> StartAsync(string extraConfig = "", TempDirectory? data = null, bool awaitSeed = true)
    {
        var ownData = data is null ? new TempDirectory() : null;
        data ??= ownData!;
        var configFile = Path.Combine(data.Path, "node.conf");
        await File.WriteAllTextAsync(configFile, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(data.Path, "data"))}}
              sqlite.synchronous = normal
              shutdown-timeout = 5s
              processing.dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(data.Path, "dead"))}}
              {{extraConfig}}
            }
            """);
        var options = NodeOptions.FromConfig(ConfigLoader.Load(configFile), configFile, roles: null);
        var node = await NodeHost.BuildAsync(options, services => services.AddSingleton(new HandledRecorder()).AddQueueHandler<RecordingHandler>("other"));
        var running = new RunningEmbeddedNode(ownData, configFile, node);
        try
        {
            await node.Host.StartAsync();
            if (!awaitSeed)
            {
                return running;
            }

            var seed = node.Services.GetRequiredService<NodeRuntime>().Seed!;
            await AwaitCondition.UntilAsync(async () => await RegistryAnswersAsync(seed), Wait, "the node's seed singletons to be active");
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many events wait on the broker queue (0 when it was never declared).</summary>
    public async Task<long> ReadyAsync(string brokerQueue)
    {
        try
        {
            return (await Node.Backends.Transport.GetStatusAsync(brokerQueue)).MessagesReady;
        }
        catch (TransportException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Node.Host.StopAsync();
        }
        finally
        {
            await Node.DisposeAsync();
            _ownData?.Dispose();
        }
    }

    private static async Task<bool> RegistryAnswersAsync(Akka.Actor.IActorRef seed)
    {
        try
        {
            // The proxy holds the ask until the singleton runs; ask again when that takes longer than a second.
            return await Akka.Actor.Futures.Ask<object>(seed, ListSites.Instance, TimeSpan.FromSeconds(1)) is SiteList;
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            return false;
        }
    }
}
