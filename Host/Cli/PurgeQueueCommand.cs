using System.CommandLine;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary><c>purge-queue Q [--site S]</c>: drops the waiting events of a queue's broker queue (or SQL queue, without a broker).</summary>
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

            var topology = new QueueTopology(options.Messaging);
            string brokerQueue;
            try
            {
                var name = parse.GetValue(queue)!;
                brokerQueue = parse.GetValue(site) is { } siteName ? topology.BrokerQueueFor(siteName, name) : topology.SharedSpec(name).BrokerQueue;
            }
            catch (ArgumentException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var logging = ConsoleLogging.CreateFactory();
            await using var backends = await CommandBackends.OpenAsync(options, logging, cancellationToken).ConfigureAwait(false);
            if (backends is null)
            {
                return ExitCodes.Unavailable;
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
