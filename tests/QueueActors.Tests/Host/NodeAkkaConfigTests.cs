using System.Text.Json;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>One HOCON file holds both akka { } and queueactors { }: the akka section configures the node's Akka.NET ActorSystem.</summary>
public sealed class NodeAkkaConfigTests : IDisposable
{
    private readonly TempDirectory folder = new();

    [Fact]
    public async Task Settings_of_the_files_akka_section_reach_the_running_nodes_actor_system()
    {
        var file = Path.Combine(folder.Path, "node.conf");
        await File.WriteAllTextAsync(file, $$"""
            akka {
              actor.ask-timeout = 7s
              queueactors-test.marker = "from the node's file"
              coordinated-shutdown.run-by-clr-shutdown-hook = on
            }
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(folder.Path, "data"))}}
              node.roles = [worker]
              transport.in-memory = true
              shutdown-timeout = 5s
            }
            """);
        var options = NodeOptions.FromConfig(ConfigLoader.Load(file), file, roles: null);
        await using var node = await NodeHost.BuildAsync(options, services => services.AddSingleton(new QueueActors.Tests.Host.Embedded.HandledRecorder()).AddQueueHandler<QueueActors.Tests.Host.Embedded.RecordingHandler>("other"));
        await node.Host.StartAsync();
        try
        {
            var system = node.Services.GetRequiredService<Akka.Actor.ActorSystem>();

            Assert.Equal(TimeSpan.FromSeconds(7), system.Settings.AskTimeout);
            Assert.Equal("from the node's file", system.Settings.Config.GetString("akka.queueactors-test.marker"));
            // What the node needs of Akka wins over the file: its drain runs before CoordinatedShutdown.
            Assert.False(system.Settings.Config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
        }
        finally
        {
            await node.Host.StopAsync();
        }
    }

    [Fact]
    public async Task Partitions_spread_over_a_joining_node_in_one_rebalance_round_not_one_partition_per_round()
    {
        var options = InMemoryWorker();
        await using var node = await NodeHost.BuildAsync(options, services => services.AddSingleton(new QueueActors.Tests.Host.Embedded.HandledRecorder()).AddQueueHandler<QueueActors.Tests.Host.Embedded.RecordingHandler>("other"));
        await node.Host.StartAsync();
        try
        {
            var system = node.Services.GetRequiredService<Akka.Actor.ActorSystem>();
            _ = Akka.Cluster.Sharding.ClusterSharding.Get(system); // adds sharding's defaults under the node's config, as partitions do

            // Partitioned queues are sharded daemon processes, which read their own copy of the sharding section.
            // With an absolute limit of 0, Akka uses its older strategy: one shard per rebalance interval.
            foreach (var section in new[] { "akka.cluster.sharding", "akka.cluster.sharded-daemon-process.sharding" })
            {
                var strategy = system.Settings.Config.GetConfig(section + ".least-shard-allocation-strategy");
                Assert.True(strategy.GetInt("rebalance-absolute-limit") >= 64, $"{section}: rebalance-absolute-limit is {strategy.GetInt("rebalance-absolute-limit")}");
                Assert.Equal(1.0, strategy.GetDouble("rebalance-relative-limit"));
                Assert.False(string.IsNullOrEmpty(system.Settings.Config.GetString(section + ".coordinator-singleton")), $"{section} lost Akka's other defaults");
            }
        }
        finally
        {
            await node.Host.StopAsync();
        }
    }

    [Fact]
    public async Task Akkas_own_log_reaches_the_nodes_logging_as_its_message_and_source_without_akkas_line_prefix()
    {
        var options = InMemoryWorker();
        var logs = new QueueActors.TestKit.LogCapture();
        await using var node = await NodeHost.BuildAsync(options, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs).AddSingleton(new QueueActors.Tests.Host.Embedded.HandledRecorder()).AddQueueHandler<QueueActors.Tests.Host.Embedded.RecordingHandler>("other"));
        await node.Host.StartAsync();
        var system = node.Services.GetRequiredService<Akka.Actor.ActorSystem>();
        Logging.GetLogger(system, "test-source").Warning("a warning from {0}", "Akka");

        var line = await logs.ExpectAsync(entry => entry.Message.Contains("a warning from Akka", StringComparison.Ordinal));
        await node.Host.StopAsync();

        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Equal("a warning from Akka [test-source (akka://queueactors)]", line.Message);
    }

    public void Dispose() => folder.Dispose();

    /// <summary>A worker node on the in-memory transport, its data in this test's folder.</summary>
    private NodeOptions InMemoryWorker() => NodeOptions.FromConfig(ConfigLoader.LoadText($$"""
        queueactors {
          data-directory = {{JsonSerializer.Serialize(Path.Combine(folder.Path, "data"))}}
          node.roles = [worker]
          transport.in-memory = true
        }
        """, QueueActors.Tests.Config.Hocon.Environment()), null, roles: null);
}
