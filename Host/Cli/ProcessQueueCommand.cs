using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// <c>process-queue --queue Q [--site S]</c>: a worker node that runs only that processor; a queue this executable has
/// no handler for is refused before anything starts (exit <see cref="ExitCodes.NoHandler"/>).
/// </summary>
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

            var handled = HandledQueues(configureServices);
            if (!handled.Contains(queueName, StringComparer.Ordinal))
            {
                // Checked before the node starts: found by the node, it is a start-up failure logged with its stack trace.
                await Console.Error.WriteLineAsync(
                    $"error: no handler for queue {queueName} in this executable (it handles {(handled.Length == 0 ? "no queue" : string.Join(", ", handled))}); " +
                    "run process-queue from a program built with your handlers (README: Running your own handlers)").ConfigureAwait(false);
                return ExitCodes.NoHandler;
            }

            var (options, exitCode) = await common.LoadAsync(parse, [NodeSettings.WorkerRole]).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            try
            {
                return await NodeStart.RunAsync(options with { Filter = new ProcessingFilter(queueName, siteName) }, configureServices, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false); // e.g. no handler for that queue
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>The queues the handlers registered by <paramref name="configureServices"/> serve, ordered.</summary>
    private static string[] HandledQueues(Action<IServiceCollection>? configureServices)
    {
        var services = new ServiceCollection();
        configureServices?.Invoke(services);
        return services.Select(d => d.IsKeyedService ? null : d.ImplementationInstance).OfType<QueueHandlerRegistration>()
            .Select(r => r.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }
}
