using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using Akka.Actor;
using QueueActors.Actors.Sites;

namespace QueueActors.Host.Node.Control;

/// <summary>
/// Brings this node in line with a site's definition (StatusNet's <c>update:&lt;site&gt;</c>): reads it from the
/// registry (through this node's proxy when this seed runs it, else from the seed that does, over the control channel),
/// routes the site's breakout queues in this node's topology, and on a worker starts, reconfigures or stops the
/// site's supervisors.
/// </summary>
public sealed class SiteUpdates(NodeRuntime runtime, NodeOptions options, QueueTopology topology)
{
    /// <summary>The registry's definition of <paramref name="site"/>; null when it has none (removed or never added).</summary>
    /// <exception cref="InvalidOperationException">No seed answered.</exception>
    public async Task<SiteDefinition?> FetchAsync(string site, CancellationToken cancellationToken)
    {
        if (runtime.Seed is { } seed && SeedSingleton.StandbyReason(runtime.System!) is null)
        {
            // This seed runs the registry (or takes it over: its proxy holds the ask until then).
            object reply;
            try
            {
                reply = await seed.Ask<object>(new GetSite(site), options.Node.AskTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                throw new InvalidOperationException($"the seed roles did not answer for site {site} within {options.Node.AskTimeout}");
            }

            return reply switch
            {
                RegisteredSite found => found.Definition,
                Akka.Actor.Status.Failure failure => throw failure.Cause,
                _ => null,
            };
        }

        var client = runtime.Client ?? throw new InvalidOperationException("the control channel is off on this node (no cluster secret)");
        var result = await client.SendAsync(new ControlCall(ControlCommands.SiteShow) { Arguments = new Dictionary<string, string> { [ControlArguments.Site] = site } }, cancellationToken).ConfigureAwait(false);
        var answer = result.Served.FirstOrDefault() ?? throw new InvalidOperationException($"no seed answered for site {site} within {client.RequestTimeout}");
        return answer.Reply.IsOk && answer.Reply.Data is { } data ? data.Deserialize<SiteDefinition>(ControlWire.Json) : null;
    }

    /// <summary>Applies <paramref name="definition"/> (null: the site is gone) to this node; returns what it did, for the reply.</summary>
    public async Task<string> ApplyAsync(string site, SiteDefinition? definition, CancellationToken cancellationToken)
    {
        var processing = runtime.Processing;
        if (definition is null)
        {
            topology.Route(site, null);
            var left = processing is null ? [] : await processing.RemoveSiteAsync(site, options.Node.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
            return $"site {site} removed; {Running(left)}";
        }

        topology.Route(site, definition);
        if (processing is null)
        {
            return $"site {site} routed (breakout {string.Join(",", definition.Breakout.DefaultIfEmpty("none"))}); no handlers on this node";
        }

        var running = await processing.ApplySiteAsync(definition, options.Node.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        return $"site {site} applied ({(definition.Enabled ? "enabled" : "disabled")}); {Running(running)}";
    }

    private static string Running(IReadOnlyList<string> brokerQueues) =>
        brokerQueues.Count == 0 ? "no queue of it runs here" : "running here: " + string.Join(", ", brokerQueues);
}
