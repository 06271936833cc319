using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Messaging;
using QueueActors.Host.Cli;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Host.Embedded;

/// <summary>
/// <c>publish</c>, <c>purge-queue --site</c> and the node's own publisher route a site's events as the nodes do: by
/// the sites of the configuration and of the registry (<c>site add --breakout</c>), and refuse a disabled site.
/// The node has no handler for the queue, so what was published stays where it went.
/// </summary>
public sealed class SiteRoutingCliTests : IAsyncLifetime
{
    private const string Queue = "email";
    private const string Configured = "conf.example";
    private const string Registered = "reg.example";
    private const string Disabled = "off.example";
    private const string Held = "held.example";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private RunningEmbeddedNode? _node;

    private RunningEmbeddedNode Node => _node!;

    public async Task InitializeAsync() => _node = await RunningEmbeddedNode.StartAsync($$"""
        sites {
          "{{Configured}}" { breakout = [{{Queue}}] }
          "{{Disabled}}" { enabled = false }
          "{{Held}}" { enabled = false, breakout = [{{Queue}}] }
        }
        """);

    [Fact]
    public async Task Publish_goes_to_the_breakout_queue_of_a_site_broken_out_in_the_configuration_or_the_registry()
    {
        Assert.Equal(ExitCodes.Ok, await CliAsync("site", "add", Registered, "--breakout", Queue));

        Assert.Equal(ExitCodes.Ok, await CliAsync("publish", "--site", Configured, "--queue", Queue, "--json", "{}"));
        Assert.Equal(ExitCodes.Ok, await CliAsync("publish", "--site", Registered, "--queue", Queue, "--json", "{}", "--count", "2"));

        Assert.Equal(1, await Node.ReadyAsync($"qa.{Configured}.{Queue}"));
        Assert.Equal(2, await Node.ReadyAsync($"qa.{Registered}.{Queue}"));
        Assert.Equal(0, await Node.ReadyAsync($"qa.{Queue}"));
    }

    [Fact]
    public async Task Publish_refuses_a_disabled_site_with_exit_4_and_publishes_nothing()
    {
        Assert.Equal(ExitCodes.CommandFailed, await CliAsync("publish", "--site", Disabled, "--queue", Queue, "--json", "{}"));

        Assert.Equal(0, await Node.ReadyAsync($"qa.{Queue}"));
        Assert.Equal(0, await Node.ReadyAsync($"qa.{Disabled}.{Queue}"));
    }

    [Fact]
    public async Task A_disabled_sites_event_for_its_own_breakout_queue_is_published_and_waits_there()
    {
        Assert.Equal(ExitCodes.Ok, await CliAsync("publish", "--site", Held, "--queue", Queue, "--json", "{}"));

        Assert.Equal(1, await Node.ReadyAsync($"qa.{Held}.{Queue}"));
        Assert.Equal(0, await Node.ReadyAsync($"qa.{Queue}"));
    }

    [Fact]
    public async Task Purge_queue_with_a_site_purges_the_sites_breakout_queue()
    {
        Assert.Equal(ExitCodes.Ok, await CliAsync("site", "add", Registered, "--breakout", Queue));
        var topology = new QueueTopology(Node.Node.Services.GetRequiredService<MessagingSettings>());
        topology.SetSiteBreakout(Registered, [Queue]);
        var publisher = new EventPublisher(Node.Node.Backends.Transport, topology);
        await publisher.PublishAsync("shared.example", Queue, new { text = "stays" });
        await publisher.PublishAsync(Registered, Queue, new { text = "purged" });

        Assert.Equal(ExitCodes.Ok, await CliAsync("purge-queue", Queue, "--site", Registered));

        Assert.Equal(0, await Node.ReadyAsync($"qa.{Registered}.{Queue}"));
        Assert.Equal(1, await Node.ReadyAsync($"qa.{Queue}"));
    }

    [Fact]
    public async Task The_nodes_own_publisher_routes_with_the_registry_and_refuses_a_disabled_site()
    {
        var publisher = Node.Node.Services.GetRequiredService<IEventPublisher>();
        var topology = Node.Node.Services.GetRequiredService<QueueTopology>();

        Assert.Equal(ExitCodes.Ok, await CliAsync("site", "add", Registered, "--breakout", Queue));
        await AwaitCondition.UntilAsync(() => topology.IsBreakout(Registered, Queue), Wait, "the node to apply the registry's new site");
        await publisher.PublishAsync(Registered, Queue, new { text = "hello" });

        Assert.Equal(1, await Node.ReadyAsync($"qa.{Registered}.{Queue}"));
        await Assert.ThrowsAsync<SiteDisabledException>(async () => await publisher.PublishAsync(Disabled, Queue, new { text = "no" }));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    private Task<int> CliAsync(params string[] args) => QueueActorsCli.InvokeAsync([.. args, "--config", Node.ConfigFile], "queueactors", null);
}
