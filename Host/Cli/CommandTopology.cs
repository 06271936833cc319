using System.Globalization;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Sites;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;
using QueueActors.Host.Node.Control;

namespace QueueActors.Host.Cli;

/// <summary>
/// The topology a one-shot command (<c>publish</c>, <c>purge-queue --site</c>) routes a site's events with, built
/// as a node builds its own (<see cref="NodeCluster"/>): the <c>messaging</c> rules; the site as the configuration
/// declares it (<c>queueactors.sites</c>); then the site as the registry holds it when it was added or changed at
/// run time (<c>site add</c>), asked through the control channel as <c>site list</c> asks. When the cluster has a
/// secret but no seed answers, nobody can say where the site's events go, so the command refuses (exit 3) rather
/// than guess: a guess that misses a breakout puts the events on the shared queue, where the wrong consumer takes
/// them. Without a cluster secret the nodes have no control channel either and route by the configuration alone.
/// </summary>
internal static class CommandTopology
{
    /// <summary>The topology for <paramref name="site"/>, or writes why there is none and returns the exit code.</summary>
    public static async Task<(QueueTopology? Topology, int ExitCode)> ForSiteAsync(
        NodeOptions options, ITransport transport, string site, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var topology = new QueueTopology(options.Messaging);
        ClusterSettings? cluster;
        try
        {
            QueueNames.ValidateSite(site);
            if (options.Sites.Sites.FirstOrDefault(s => s.Name == site) is { } configured)
            {
                topology.Route(site, configured);
            }

            cluster = ClusterSecrets.Resolve(options, createEmbedded: false);
        }
        catch (HoconException error)
        {
            return (null, await FailAsync(ExitCodes.BadConfig, $"bad configuration: {error.Message}").ConfigureAwait(false));
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            return (null, await FailAsync(error is ArgumentException ? ExitCodes.Usage : ExitCodes.BadConfig, error.Message).ConfigureAwait(false));
        }

        if (cluster is null)
        {
            return (topology, ExitCodes.Ok); // no control channel on any node with this configuration: no registry sites either
        }

        var (registered, exitCode) = await AskRegistryAsync(cluster, transport, site, logging, cancellationToken).ConfigureAwait(false);
        if (exitCode != ExitCodes.Ok)
        {
            return (null, exitCode);
        }

        if (registered is { Source: SiteSource.Registry })
        {
            topology.Route(site, registered.Definition); // a run-time change wins over the configuration, as on the nodes
        }

        return (topology, ExitCodes.Ok);
    }

    private static async Task<(RegisteredSite? Site, int ExitCode)> AskRegistryAsync(
        ClusterSettings cluster, ITransport transport, string site, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var logger = logging.CreateLogger("QueueActors.Cli");
        try
        {
            await using var client = await ControlClient.ConnectAsync(
                new BroadcastControlRoute(transport, cluster.ControlChannel), cluster, CommandSigner.FromSettings(cluster.Signing), CommandVerifier.FromSettings(cluster.Signing, logger: logger), logger: logger, cancellationToken: cancellationToken).ConfigureAwait(false);
            // A node that has just started answers "not available" until its seed singleton is active, and a question
            // sent before the relay has subscribed to the transport's control channel reaches nobody: ask again, one
            // second per attempt, until one serves or the request timeout has passed (site list changes nothing).
            var deadline = DateTime.UtcNow + client.RequestTimeout;
            ControlResult result;
            do
            {
                var attempt = TimeSpan.FromTicks(Math.Clamp((deadline - DateTime.UtcNow).Ticks, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(1).Ticks));
                // Only the registry's sites change the configuration's routing (a cluster may declare thousands).
                var call = new ControlCall(ControlCommands.SiteList) { Timeout = attempt, Arguments = new Dictionary<string, string> { [ControlArguments.Source] = "registry" } };
                result = await client.SendAsync(call, cancellationToken).ConfigureAwait(false);
                if (result.Served.Count == 0 && result.Responses.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false); // answered "not yet"
                }
            }
            while (result.Served.Count == 0 && DateTime.UtcNow < deadline);

            if (result.Served.FirstOrDefault() is not { } answer)
            {
                var seconds = client.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                var why = result.Responses.FirstOrDefault() is { } unserved ? $"is not available ({unserved.Reply.Text.TrimEnd('.')})" : $"did not answer within {seconds} s";
                return (null, await FailAsync(
                    ExitCodes.Unavailable,
                    $"cannot tell where site {site}'s events go: the site registry (on a seed node, through the control channel) {why}, " +
                    "and sites added with `site add` may break queues out; start a node with this configuration and try again").ConfigureAwait(false));
            }

            if (!answer.Reply.IsOk || answer.Reply.Data is not { } data)
            {
                return (null, await FailAsync(ExitCodes.CommandFailed, $"the site registry on {answer.Node} refused `site list`: {answer.Reply.Text}").ConfigureAwait(false));
            }

            return (SeedReplies.ReadSites(data).FirstOrDefault(s => s.Definition.Name == site), ExitCodes.Ok);
        }
        catch (TransportException error)
        {
            return (null, await FailAsync(ExitCodes.Unavailable, error.Message).ConfigureAwait(false));
        }
        catch (ArgumentException error)
        {
            return (null, await FailAsync(ExitCodes.BadConfig, error.Message).ConfigureAwait(false)); // e.g. an unusable secret
        }
    }

    private static async Task<int> FailAsync(int exitCode, string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return exitCode;
    }
}
