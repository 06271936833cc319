using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Runtime;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.TestKit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>
/// Nodes of one cluster in one actor system over one in-memory transport: each node is a membership actor and a
/// control actor (named <c>&lt;node&gt;-members</c>, <c>&lt;node&gt;-control</c>) with its own view and verifier.
/// </summary>
public abstract class ClusterTestBase(ITestOutputHelper output, TimeProvider? clock = null) : TestKitBase(output, clock)
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

    protected InMemoryTransport Transport { get; } = new();

    protected CommandSigner Signer => new(new Secret(SecretText), Sys.TimeProvider);

    /// <summary>Starts a node and waits until its control actor has subscribed to the channel.</summary>
    protected async Task<TestNode> StartNodeAsync(string name, IReadOnlyList<string>? roles = null, INodeStatusProvider? status = null, params IControlCommandHandler[] handlers)
    {
        roles ??= [NodeSettings.WorkerRole];
        var services = new ClusterNodeServices(
            Transport,
            Settings,
            name,
            roles,
            Signer,
            new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge, Sys.TimeProvider, Sys.LoggerFactory.CreateLogger("verifier." + name)),
            new ClusterMembers(),
            status ?? new ProcessNodeStatusProvider(name, roles, Sys.TimeProvider),
            handlers);
        var members = Sys.ActorOf(MembershipActor.Props(services), name + "-members");
        var control = Sys.ActorOf(ControlActor.Props(services, members), name + "-control");
        await Logs.ExpectAsync(e => e.EventId.Id == 6303 && e.Message.Contains("as node " + name, StringComparison.Ordinal));
        return new TestNode(services, members, control);
    }

    /// <summary>A control client with its own verifier, as <c>queueactors ctl</c> has.</summary>
    protected async Task<ControlClient> ConnectClientAsync()
    {
        var client = await ControlClient.ConnectAsync(
            Transport,
            Settings,
            Signer,
            new CommandVerifier(new Secret(SecretText), Settings.Signing.MaxAge, Sys.TimeProvider, Sys.LoggerFactory.CreateLogger("verifier.client")),
            Sys.TimeProvider,
            Sys.LoggerFactory.CreateLogger("client"));
        clients.Add(client);
        return client;
    }

    /// <summary>Waits until every node sees every other one up.</summary>
    protected static Task AwaitMembersAsync(params TestNode[] nodes) =>
        AwaitConditionAsync(() => nodes.All(n => n.Services.Members.CountUp(_ => true) == nodes.Length), TimeSpan.FromSeconds(10), "the nodes did not see each other up");

    public override async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await base.DisposeAsync();
        await Transport.DisposeAsync();
    }

    private readonly List<ControlClient> clients = [];
}
