using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>
/// Nodes of one cluster in one Akka actor system over one in-memory transport: each node is a membership actor and
/// a control actor (named <c>&lt;node&gt;-members</c>, <c>&lt;node&gt;-control</c>) with its own view and verifier.
/// Given a <see cref="ManualTimeProvider"/>, the system runs on a <see cref="CountingTestScheduler"/> and
/// <see cref="Advance"/> moves both: the membership timestamps and the actors' timers.
/// </summary>
public abstract class ClusterTestBase : LoggingTestKit
{
    public const string SecretText = "correct-horse-battery-staple-42";

    protected static readonly ClusterSettings Settings = new()
    {
        ControlChannel = "qa.control",
        HeartbeatInterval = TimeSpan.FromSeconds(2),
        FailureDetection = TimeSpan.FromSeconds(10),
        GoneAfter = TimeSpan.FromSeconds(60),
        RequestTimeout = TimeSpan.FromSeconds(5),
        Signing = new SigningSettings { Secret = new SecretSource(null, "UNUSED"), MaxAge = TimeSpan.FromSeconds(30) },
    };

    private readonly List<ControlClient> clients = [];
    private readonly ManualTimeProvider? clock;

    protected ClusterTestBase(ITestOutputHelper output, ManualTimeProvider? clock = null)
        : base(output, testScheduler: clock is not null)
    {
        this.clock = clock;
    }

    /// <summary>The nodes' clock: the manual one given, else the system's.</summary>
    protected TimeProvider Time => clock ?? TimeProvider.System;

    protected InMemoryTransport Transport { get; } = new();

    protected CommandSigner Signer => new(new Secret(SecretText), Time);

    /// <summary>Moves the manual clock and Akka's test scheduler by <paramref name="by"/>.</summary>
    protected void Advance(TimeSpan by)
    {
        clock!.Advance(by);
        Scheduler.Advance(by);
    }

    /// <summary>The services of a node, as <see cref="ClusterServiceCollectionExtensions.AddQueueActorsCluster"/> builds them.</summary>
    protected ClusterNodeServices Services(string name, IReadOnlyList<string> roles, INodeStatusProvider? status = null, IReadOnlyList<IControlCommandHandler>? handlers = null, Actors.Transport.IBroadcast? broadcast = null) =>
        new(
            broadcast ?? Transport,
            Settings,
            name,
            roles,
            Signer,
            new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge, Time, LoggerFactory.CreateLogger("verifier." + name)),
            new ClusterMembers(),
            status ?? new ProcessNodeStatusProvider(name, roles, Time),
            handlers ?? [])
        {
            Time = Time,
            LoggerFactory = LoggerFactory,
        };

    /// <summary>Starts a node and waits until its control actor has subscribed to the channel and its view holds itself.</summary>
    protected async Task<TestNode> StartNodeAsync(string name, IReadOnlyList<string>? roles = null, INodeStatusProvider? status = null, params IControlCommandHandler[] handlers)
    {
        roles ??= [NodeSettings.WorkerRole];
        var services = Services(name, roles, status, handlers);
        var members = Sys.ActorOf(MembershipActor.Props(services), name + "-members");
        var control = Sys.ActorOf(ControlActor.Props(services, members), name + "-control");
        await Logs.ExpectAsync(e => e.EventId.Id == 6303 && e.Message.Contains("as node " + name, StringComparison.Ordinal));
        await AwaitConditionAsync(() => services.Members.Find(name) is not null, null, name + " did not see itself up"); // its replies count it
        return new TestNode(services, members, control);
    }

    /// <summary>A control client with its own verifier, as <c>queueactors ctl</c> has.</summary>
    protected async Task<ControlClient> ConnectClientAsync()
    {
        var client = await ControlClient.ConnectAsync(
            Transport,
            Settings,
            Signer,
            new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge, Time, LoggerFactory.CreateLogger("verifier.client")),
            Time,
            LoggerFactory.CreateLogger("client"));
        clients.Add(client);
        return client;
    }

    /// <summary>Waits until every node sees every other one up.</summary>
    protected Task AwaitMembersAsync(params TestNode[] nodes) =>
        AwaitConditionAsync(() => nodes.All(n => n.Services.Members.CountUp(_ => true) == nodes.Length), TimeSpan.FromSeconds(10), "the nodes did not see each other up");

    /// <summary>Stops the nodes (the actor system), then closes the clients and the transport.</summary>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await Transport.DisposeAsync();
    }
}
