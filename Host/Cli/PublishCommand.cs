using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// <c>publish --site S --queue Q --json '{..}' [--count N]</c>: confirmed publishes to the configured broker or,
/// without one, committed into the node's SQL queues (the embedded SQLite file that a running node reads). Routed as
/// the nodes route (<see cref="CommandTopology"/>: the configuration's and the registry's sites); a disabled site's
/// events for a shared queue are refused (exit 4); for its own breakout queue they are published and wait there.
/// With a count, a live line shows the progress on a terminal.
/// </summary>
public static class PublishCommand
{
    public static Command Create(CommonOptions common)
    {
        var site = new Option<string>("--site", "-s") { Description = "The event's site", Required = true };
        var queue = new Option<string>("--queue", "-q") { Description = "The logical queue", Required = true };
        var json = new Option<string>("--json") { Description = "The payload, a JSON document", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "How many copies to publish (each its own event)", DefaultValueFactory = _ => 1 };
        var command = new Command("publish", "Publish events and wait until they are safe (broker confirms, or committed to the embedded database)") { site, queue, json, count };
        command.SetAction(async (parse, cancellationToken) =>
        {
            JsonElement payload;
            try
            {
                payload = JsonDocument.Parse(parse.GetValue(json)!).RootElement.Clone();
            }
            catch (JsonException error)
            {
                await Console.Error.WriteLineAsync($"error: --json is not valid JSON: {error.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var copies = parse.GetValue(count);
            var (options, exitCode) = await common.LoadAsync(parse, null).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            if (copies < 1)
            {
                return await UsageAsync("--count must be at least 1").ConfigureAwait(false);
            }

            using var logging = CommandLogging.Create(parse);
            return await PublishAsync(options, parse.GetValue(site)!, parse.GetValue(queue)!, payload, copies, logging, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> PublishAsync(NodeOptions options, string site, string queue, JsonElement payload, int copies, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        if (await CommandBackends.RefuseAsync(options).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await using var backends = await CommandBackends.OpenAsync(options, logging, cancellationToken).ConfigureAwait(false);
        if (backends is null)
        {
            return ExitCodes.Unavailable;
        }

        var transport = backends.Transport;
        var (topology, exitCode) = await CommandTopology.ForSiteAsync(options, transport, site, logging, cancellationToken).ConfigureAwait(false);
        if (topology is null)
        {
            return exitCode;
        }

        var publisher = new EventPublisher(transport, topology);
        var started = Stopwatch.StartNew();
        var progress = PublishProgress.ForConsole(copies);
        using var publishing = new CancellationTokenSource();
        var display = copies > 1 ? progress.RunAsync(publishing.Token) : Task.CompletedTask;
        Exception? failure = null;
        try
        {
            for (var i = 0; i < copies; i++)
            {
                await publisher.PublishAsync(site, queue, payload, cancellationToken).ConfigureAwait(false);
                progress.Confirmed();
            }
        }
        catch (Exception error) when (error is ArgumentException or SiteDisabledException or TransportException)
        {
            failure = error;
        }
        finally
        {
            // The live line goes before any answer, so that an error is not written into it.
            await publishing.CancelAsync().ConfigureAwait(false);
            await display.ConfigureAwait(false);
        }

        switch (failure)
        {
            case ArgumentException:
                return await UsageAsync(failure.Message).ConfigureAwait(false);
            case SiteDisabledException:
                await Console.Error.WriteLineAsync($"error: {failure.Message}").ConfigureAwait(false);
                return ExitCodes.CommandFailed;
            case not null:
                await Console.Error.WriteLineAsync($"error: {failure.Message}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
        }

        Console.WriteLine($"published {copies} event(s) to {topology.BrokerQueueFor(site, queue)} (site {site}, queue {queue}) in {started.ElapsedMilliseconds} ms, all confirmed");
        return ExitCodes.Ok;
    }

    private static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
