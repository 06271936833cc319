using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Messaging;
using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>
/// A node's own <see cref="IEventPublisher"/> routes with the site registry from its first publish: right after a
/// restart, before the registry has answered, it waits for the registry's sites instead of sending a broken-out
/// site's event to the shared queue.
/// </summary>
public sealed class NodePublisherSitesTests : IDisposable
{
    private const string Site = "reg.example";
    private const string Queue = "email";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Right_after_a_restart_the_nodes_publisher_routes_a_registry_site_to_its_breakout_queue()
    {
        await using (var first = await RunningEmbeddedNode.StartAsync(data: _data))
        {
            Assert.Equal(ExitCodes.Ok, await QueueActorsCli.InvokeAsync(["site", "add", Site, "--breakout", Queue, "--config", first.ConfigFile], "queueactors", null));
        }

        await using var second = await RunningEmbeddedNode.StartAsync(data: _data, awaitSeed: false);
        await second.Node.Services.GetRequiredService<IEventPublisher>().PublishAsync(Site, Queue, new { text = "right after start" });

        Assert.Equal(1, await second.ReadyAsync($"qa.{Site}.{Queue}"));
        Assert.Equal(0, await second.ReadyAsync($"qa.{Queue}"));
    }

    public void Dispose() => _data.Dispose();
}
