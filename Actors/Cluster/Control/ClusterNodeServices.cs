using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// What the control and membership actors of one node work with. Build it with
/// <see cref="ClusterServiceCollectionExtensions.AddQueueActorsCluster"/> and resolve it from DI, or by hand in tests.
/// </summary>
/// <param name="Broadcast">The transport's fan-out channels.</param>
/// <param name="Settings">The channel name and membership timings.</param>
/// <param name="Node">This node's name.</param>
/// <param name="Roles">This node's roles (requests may target a role).</param>
/// <param name="Signer">Signs what the node sends.</param>
/// <param name="Verifier">Checks what the node receives (one per node: it remembers nonces).</param>
/// <param name="Members">The membership view the membership actor keeps and handlers read.</param>
/// <param name="StatusProvider">This node's status for heartbeats and <c>status</c>.</param>
/// <param name="Handlers">The command handlers beyond the built-in <c>cluster show</c> and <c>actor tree</c> (which a handler may replace).</param>
public sealed record ClusterNodeServices(
    IBroadcast Broadcast,
    ClusterSettings Settings,
    string Node,
    IReadOnlyList<string> Roles,
    CommandSigner Signer,
    CommandVerifier Verifier,
    ClusterMembers Members,
    INodeStatusProvider StatusProvider,
    IReadOnlyList<IControlCommandHandler> Handlers)
{
    /// <summary>The clock of the membership view's timestamps (the actors' timers run on Akka's scheduler).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the control and membership actors log.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    internal ControlPublisher Publisher() => new(Broadcast, Settings.ControlChannel, Signer);
}
