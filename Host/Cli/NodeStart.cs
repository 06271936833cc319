using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// Runs a node for a verb (<c>run</c>, <c>process-queue</c>) and turns what stops its start into one line on
/// stderr and an exit code: a setting or directory that cannot work (<see cref="ExitCodes.BadConfig"/>), a database
/// or broker that refuses (<see cref="ExitCodes.Unavailable"/>, as <c>publish</c> says it).
/// </summary>
public static class NodeStart
{
    public static async Task<int> RunAsync(NodeOptions options, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        try
        {
            if (await NodeHost.RunAsync(options, configureServices, cancellationToken).ConfigureAwait(false))
            {
                await Console.Error.WriteLineAsync($"error: node {options.Node.Name} was downed by the cluster (or a peer refused its remoting TLS: see the log) and stopped").ConfigureAwait(false);
                return ExitCodes.Downed;
            }

            return ExitCodes.Ok;
        }
        catch (HoconException error)
        {
            await Console.Error.WriteLineAsync($"error: bad configuration: {error.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfig;
        }
        catch (HandlingJournalLockedException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false); // a second process of this node
            return ExitCodes.BadConfig;
        }
        catch (Exception error) when (error is TransportException or PersistenceException)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}
