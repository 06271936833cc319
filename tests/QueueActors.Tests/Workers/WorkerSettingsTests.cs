using QueueActors.Actors.Config;
using QueueActors.Host.Node;
using QueueActors.Host.Workers;
using Xunit;

namespace QueueActors.Tests.Workers;

/// <summary>queueactors.node.workers and the memory settings, and how a worker process differs from its siblings.</summary>
public sealed class WorkerSettingsTests
{
    [Fact]
    public void Defaults_are_one_process_and_no_memory_limit()
    {
        var node = NodeSettings.FromConfig(ConfigLoader.LoadText(""));

        Assert.Equal((1, 5, TimeSpan.FromSeconds(60)), (node.Workers, node.WorkerStartFailures, node.WorkerStartWindow));
        Assert.Null(node.MemoryLimit);
        Assert.Null(node.SoftMemoryLimit);
        Assert.False(node.DebugMemory);
    }

    [Fact]
    public void A_bad_worker_count_names_its_file_line_and_key()
    {
        var error = Assert.Throws<HoconException>(() => NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node.workers = 0", origin: "app.conf")));

        Assert.StartsWith("app.conf:1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("queueactors.node.workers: expected an integer of at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_soft_memory_limit_defaults_to_ninety_percent_of_the_memory_limit_and_an_explicit_one_wins()
    {
        Assert.Equal(900L << 20, NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node.memory-limit = 1000MiB")).SoftMemoryLimit);
        Assert.Equal(500L << 20, NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node { memory-limit = 1000MiB, soft-memory-limit = 500MiB }")).SoftMemoryLimit);
        Assert.Null(NodeSettings.FromConfig(ConfigLoader.LoadText("queueactors.node { memory-limit = 1000MiB, soft-memory-limit = off }")).SoftMemoryLimit);
    }

    [Fact]
    public void Worker_one_keeps_the_seed_role_and_port_the_others_are_workers_on_ports_of_their_own()
    {
        var options = NodeOptions.FromConfig(ConfigLoader.LoadText("queueactors.node.name = edge\nakka.cluster.seed-nodes = [\"10.0.0.1:4053\"]\nqueueactors.cluster.remoting.port = 4053"), null, null);

        var children = WorkerLayout.Plan(options, 3);
        var first = children[0].Apply(options);
        var third = children[2].Apply(options);

        Assert.Equal(("edge-1", 4053, true), (first.Node.Name, first.Remoting.Port, first.IsSeed));
        Assert.Equal(("edge-3", 0, false, true), (third.Node.Name, third.Remoting.Port, third.IsSeed, third.IsWorker));
        Assert.Equal(options.SeedNodes, third.SeedNodes);
    }

    [Fact]
    public void In_a_cluster_of_one_the_workers_are_each_others_seed_nodes()
    {
        var options = NodeOptions.FromConfig(ConfigLoader.LoadText(""), null, null);

        var children = WorkerLayout.Plan(options, 2);
        var second = WorkerChild.FromEnvironment(name => children[1].Environment().FirstOrDefault(pair => pair.Key == name).Value)!.Apply(options);

        Assert.Equal(2, second.SeedNodes.Count);
        Assert.Contains($"akka.tcp://queueactors@127.0.0.1:{second.Remoting.Port}", second.SeedNodes);
        Assert.NotEqual(0, second.Remoting.Port);
        Assert.Equal(1, second.Node.Workers);
    }
}
