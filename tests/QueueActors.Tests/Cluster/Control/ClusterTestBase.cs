using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>
/// Nodes of one Akka cluster in this process: each node is an actor system of its own (remoting on a free loopback
/// port, the node's roles as Akka roles) with its control actor at <c>/user/control</c>, joined to the first node.
/// Clients publish through the first node's DistributedPubSub mediator. Every node logs to the test's
/// <see cref="LoggingTestKit.Logs"/>.
/// </summary>
public abstract class ClusterTestBase(ITestOutputHelper output) : LoggingTestKit(output)
{
    public const string SecretText = "correct-horse-battery-staple-42";

    protected static readonly ClusterSettings Settings = new()
    {
        ControlChannel = "qa.control",
        RequestTimeout = TimeSpan.FromSeconds(5),
        Signing = new SigningSettings { Secret = new SecretSource(null, "UNUSED"), MaxAge = TimeSpan.FromSeconds(30) },
    };

    private readonly List<TestNode> nodes = [];
    private readonly List<ControlClient> clients = [];

    protected CommandSigner Signer => new(new Secret(SecretText));

    /// <summary>The first node's actor system: where clients and test actors publish from.</summary>
    protected ActorSystem FirstNode => nodes[0].System;

    /// <summary>The services of a node, as <see cref="ClusterServiceCollectionExtensions.AddQueueActorsCluster"/> builds them.</summary>
    protected ClusterNodeServices Services(string name, IReadOnlyList<string> roles, INodeStatusProvider? status = null, IReadOnlyList<IControlCommandHandler>? handlers = null) =>
        new(
            Settings,
            name,
            roles,
            Signer,
            new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge, null, LoggerFactory.CreateLogger("verifier." + name)),
            status ?? new ProcessNodeStatusProvider(name, roles),
            handlers ?? [])
        {
            LoggerFactory = LoggerFactory,
        };

    /// <summary>Starts a node, joins it to the first one and waits until every node started so far answers on the channel.</summary>
    protected async Task<TestNode> StartNodeAsync(string name, IReadOnlyList<string>? roles = null, INodeStatusProvider? status = null, params IControlCommandHandler[] handlers)
    {
        roles ??= [NodeSettings.WorkerRole];
        var system = ActorSystem.Create("qa", NodeConfig(roles));
        var services = Services(name, roles, status, handlers);
        var node = new TestNode(services, system, system.ActorOf(ControlActor.Props(services), "control"));
        nodes.Add(node);
        Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(FirstNode).SelfAddress);
        await Logs.ExpectAsync(e => e.EventId.Id == 6303 && e.Message.Contains("as node " + name, StringComparison.Ordinal));
        await AwaitMembersAsync([.. nodes]);
        return node;
    }

    /// <summary>A control client with its own verifier, publishing through the first node.</summary>
    protected async Task<ControlClient> ConnectClientAsync()
    {
        var client = await ControlClient.ConnectAsync(
            ActorControlRoute.PubSub(FirstNode, Settings.ControlChannel),
            Settings,
            Signer,
            new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge, null, LoggerFactory.CreateLogger("verifier.client")),
            logger: LoggerFactory.CreateLogger("client"));
        clients.Add(client);
        return client;
    }

    /// <summary>Publishes raw bytes on the topic, as a node or client of the cluster could.</summary>
    protected void Publish(byte[] wire) =>
        Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.Get(FirstNode).Mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Publish(Settings.ControlChannel, new ControlEnvelope(wire)));

    /// <summary>Waits until every node sees every other one up and each answers <c>status</c> through the first node's mediator.</summary>
    protected async Task AwaitMembersAsync(params TestNode[] expected)
    {
        await AwaitConditionAsync(
            () => expected.All(n => Akka.Cluster.Cluster.Get(n.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == expected.Length),
            TimeSpan.FromSeconds(15),
            "the nodes did not see each other up");
        await using var probe = await ControlClient.ConnectAsync(
            ActorControlRoute.PubSub(FirstNode, Settings.ControlChannel), Settings, Signer, new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            // DistributedPubSub spreads subscriptions by gossip: a node's mediator may not know a newer node's yet.
            var result = await probe.SendAsync(new ControlCall(ControlCommands.Status) { Mode = ReplyMode.All, Timeout = TimeSpan.FromSeconds(1) });
            if (result.Served.Count == expected.Length)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {result.Served.Count} of {expected.Length} nodes answered on the channel");
            }
        }
    }

    /// <summary>Closes the clients, stops the nodes' actor systems, then the test kit's.</summary>
    public override async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await Task.WhenAll(nodes.Select(n => n.System.Terminate())).WaitAsync(TimeSpan.FromSeconds(15));
        await base.DisposeAsync();
    }

    private static Akka.Configuration.Config NodeConfig(IReadOnlyList<string> roles) => Akka.Configuration.ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          cluster {
            roles = [{{string.Join(", ", roles)}}]
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            pub-sub.gossip-interval = 200ms
          }
        }
        """);
}
