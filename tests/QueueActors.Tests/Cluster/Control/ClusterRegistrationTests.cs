using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Tests.Config;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Cluster.Control;

public sealed class ClusterRegistrationTests
{
    [Fact]
    public async Task AddQueueActorsCluster_builds_the_node_services_from_config_the_transport_and_the_registered_handlers()
    {
        using var folder = new TempDirectory();
        var secretFile = Path.Combine(folder.Path, "secret");
        await File.WriteAllTextAsync(secretFile, ClusterTestBase.SecretText + "\n");
        var config = ConfigLoader.LoadText(
            $"queueactors.node.name = node-x\nqueueactors.node.roles = [seed]\nqueueactors.cluster.signing.secret-file = \"{secretFile}\"\nqueueactors.cluster.control-channel = qa.test\nqueueactors.data-directory = \"{folder.Path}\"",
            Hocon.Environment());
        await using var transport = new InMemoryTransport();
        var services = new ServiceCollection()
            .AddSingleton<ITransport>(transport)
            .AddQueueActorsCluster(config)
            .AddControlCommandHandler<PingHandler>()
            .AddControlCommandHandler<PingHandler>();

        await using var provider = services.BuildServiceProvider();
        var node = provider.GetRequiredService<ClusterNodeServices>();

        Assert.Equal("node-x", node.Node);
        Assert.Equal([NodeSettings.SeedRole], node.Roles);
        Assert.Equal("qa.test", node.Settings.ControlChannel);
        Assert.IsType<PingHandler>(Assert.Single(node.Handlers));
        Assert.IsType<ProcessNodeStatusProvider>(node.StatusProvider);
        Assert.Same(transport, provider.GetRequiredService<IBroadcast>()); // the relay's way in from the transport
    }

    [Fact]
    public async Task Without_the_cluster_secret_resolving_the_node_services_fails_naming_where_it_was_looked_for()
    {
        var config = ConfigLoader.LoadText("queueactors.cluster.signing.secret-env = QA_SECRET_THAT_IS_NOT_SET", Hocon.Environment());
        await using var transport = new InMemoryTransport();
        await using var provider = new ServiceCollection().AddSingleton<ITransport>(transport).AddQueueActorsCluster(config).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ClusterNodeServices>());

        Assert.Contains("QA_SECRET_THAT_IS_NOT_SET", error.Message, StringComparison.Ordinal);
    }

    private sealed class PingHandler : IControlCommandHandler
    {
        public IReadOnlyCollection<string> Commands => ["test ping"];

        public Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken) => Task.FromResult(ControlReply.Ok("pong"));
    }
}
