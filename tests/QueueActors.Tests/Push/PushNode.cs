using System.Net.Http.Headers;
using Akka.Actor;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Push;
using QueueActors.Host.Node;
using QueueActors.Host.Web;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Push;

/// <summary>
/// An embedded node (SQLite) whose listener asks for <see cref="Token"/>, with push settings small enough for tests:
/// a client buffer of <see cref="ClientBuffer"/> events, a heartbeat every 200 ms, long-polls of 2 s at most.
/// </summary>
public sealed class PushNode : IAsyncLifetime
{
    public const string Token = "push-node-token-of-the-test";
    public const int ClientBuffer = 16;

    private readonly TempDirectory data = new();
    private NodeApplication? node;

    public ClientPushHub Hub => node!.Services.GetRequiredService<ClientPushHub>();

    public ActorSystem System => node!.Services.GetRequiredService<ActorSystem>();

    public IClientPush Push => node!.Services.GetRequiredService<IClientPush>();

    public Uri Url => node!.Services.GetRequiredService<NodeWebServer>().Url!;

    /// <summary>A client that shows the token.</summary>
    public HttpClient Client(bool withToken = true)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = Timeout.InfiniteTimeSpan };
        if (withToken)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        return client;
    }

    public async Task InitializeAsync()
    {
        var configFile = Path.Combine(data.Path, "node.conf");
        await File.WriteAllTextAsync(configFile, $$"""
            queueactors {
              node.name = push-node
              data-directory = {{JsonSerializer.Serialize(Path.Combine(data.Path, "data"))}}
              sqlite.synchronous = normal
              shutdown-timeout = 5s
              http { enabled = on, token = "{{Token}}" }
              push { client-buffer = {{ClientBuffer}}, heartbeat = 200ms, poll-timeout = 2s }
            }
            """);
        var options = NodeOptions.FromConfig(ConfigLoader.Load(configFile), configFile, roles: null);
        node = await NodeHost.BuildAsync(options);
        await node.Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (node is not null)
        {
            await node.Host.StopAsync();
            await node.DisposeAsync();
        }

        data.Dispose();
    }
}
