using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Cluster.Signing;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// What the control actor of one node works with. Build it with
/// <see cref="ClusterServiceCollectionExtensions.AddQueueActorsCluster"/> and resolve it from DI, or by hand in tests.
/// </summary>
/// <param name="Settings">The channel's name, the request timeout and the signing settings.</param>
/// <param name="Node">This node's name.</param>
/// <param name="Roles">This node's roles (requests may target a role).</param>
/// <param name="Signer">Signs what the node sends.</param>
/// <param name="Verifier">Checks what the node receives (one per node: it remembers nonces).</param>
/// <param name="StatusProvider">This node's status for <c>status</c> and <c>cluster show</c>.</param>
/// <param name="Handlers">The command handlers beyond the built-in <c>cluster show</c> and <c>actor tree</c> (which a handler may replace).</param>
public sealed record ClusterNodeServices(
    ClusterSettings Settings,
    string Node,
    IReadOnlyList<string> Roles,
    CommandSigner Signer,
    CommandVerifier Verifier,
    INodeStatusProvider StatusProvider,
    IReadOnlyList<IControlCommandHandler> Handlers)
{
    /// <summary>The clock that signatures are checked against.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the control actor logs.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
