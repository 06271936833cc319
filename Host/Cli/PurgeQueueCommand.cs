using System.CommandLine;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// <c>purge-queue Q [--site S]</c>: drops the waiting events of a queue's broker queue (or SQL queue, without a broker);
/// with a site, the broker queue its events go to as the nodes route them (<see cref="CommandTopology"/>).
/// </summary>
public static class PurgeQueueCommand
{
    public static Command Create(CommonOptions common)
    {
        var queue = new Argument<string>("queue") { Description = "The logical queue" };
        var site = new Option<string?>("--site", "-s") { Description = "The broker queue this site publishes to (its breakout queue if it has one); without: the shared queue" };
        var command = new Command("purge-queue", "Drop every event waiting on a queue") { queue, site };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (options, exitCode) = await common.LoadAsync(parse, null).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            if (await CommandBackends.RefuseAsync(options).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var name = parse.GetValue(queue)!;
            var siteName = parse.GetValue(site);
            if (!QueueNames.IsValidQueue(name))
            {
                await Console.Error.WriteLineAsync($"error: '{name}' is not a valid queue name (letters, digits, '-', '_')").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var logging = CommandLogging.Create(parse);
            await using var backends = await CommandBackends.OpenAsync(options, logging, cancellationToken).ConfigureAwait(false);
            if (backends is null)
            {
                return ExitCodes.Unavailable;
            }

            string brokerQueue;
            if (siteName is null)
            {
                brokerQueue = new QueueTopology(options.Messaging).SharedSpec(name).BrokerQueue;
            }
            else
            {
                var (topology, topologyExit) = await CommandTopology.ForSiteAsync(options, backends.Transport, siteName, logging, cancellationToken).ConfigureAwait(false);
                if (topology is null)
                {
                    return topologyExit;
                }

                brokerQueue = topology.BrokerQueueFor(siteName, name);
            }

            var transport = backends.Transport;
            try
            {
                Console.WriteLine($"purged {await transport.PurgeAsync(brokerQueue, cancellationToken).ConfigureAwait(false)} event(s) from {brokerQueue}");
                return ExitCodes.Ok;
            }
            catch (TransportException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }
}
