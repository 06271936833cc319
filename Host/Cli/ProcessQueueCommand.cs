using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary><c>process-queue --queue Q [--site S]</c>: a worker node that runs only that processor.</summary>
public static class ProcessQueueCommand
{
    public static Command Create(CommonOptions common, Action<IServiceCollection>? configureServices)
    {
        var queue = new Option<string>("--queue", "-q") { Description = "The logical queue to process", Required = true };
        var site = new Option<string?>("--site", "-s") { Description = "Only this site's processor: its breakout queue, or the shared queue it uses" };
        var command = new Command("process-queue", "Run only one queue's processor until Ctrl-C or SIGTERM") { queue, site };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var queueName = parse.GetValue(queue)!;
            var siteName = parse.GetValue(site);
            if (!QueueNames.IsValidQueue(queueName) || (siteName is not null && !QueueNames.IsValidSite(siteName)))
            {
                await Console.Error.WriteLineAsync("error: --queue and --site take names of letters, digits, '-', '_' (sites may have '.')").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var (options, exitCode) = await common.LoadAsync(parse, [NodeSettings.WorkerRole]).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            try
            {
                await NodeHost.RunAsync(options with { Filter = new ProcessingFilter(queueName, siteName) }, configureServices, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (ArgumentException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false); // e.g. no handler for that queue
                return ExitCodes.Usage;
            }
            catch (Actors.Processing.Crashes.HandlingJournalLockedException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false); // a second process of this node
                return ExitCodes.BadConfig;
            }
        });
        return command;
    }
}
