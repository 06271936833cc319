using System.CommandLine;
using QueueActors.Host.Demo;

namespace QueueActors.Host.Cli;

/// <summary><c>demo [--events N] [--data-dir D] [--keep]</c>: a burst of sample events through an embedded node, with live progress and a summary.</summary>
public static class DemoCommand
{
    public static Command Create(CommonOptions common)
    {
        var events = new Option<int>("--events", "-n") { Description = "How many events to publish", DefaultValueFactory = _ => 3000 };
        var keep = new Option<bool>("--keep") { Description = "Once the events settled, keep the node and its status page up until Ctrl+C, and keep the temporary directory of the demo node (with --data-dir DIR it is always kept)" };
        var command = new Command("demo", "Publish sample events for three sites through an embedded node (one queue fails sometimes, one always) and summarize: handled, retried, dead-lettered, latency; --data-dir DIR: the node's files there (default: a temporary directory, removed at the end)") { events, keep };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(common.Config) is not null || parse.GetValue(common.Broker) is { Length: > 0 })
            {
                await Console.Error.WriteLineAsync("error: the demo runs on its own configuration (an embedded node in a fresh directory): --config and --broker do not apply").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var count = parse.GetValue(events);
            if (count < 1)
            {
                await Console.Error.WriteLineAsync("error: --events must be at least 1").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var runner = new DemoRunner(Console.Out, liveLine: !Console.IsOutputRedirected) { Keep = parse.GetValue(keep), StayUp = parse.GetValue(keep) };
            var outcome = await runner.RunAsync(count, parse.GetValue(common.DataDir)?.FullName, cancellationToken).ConfigureAwait(false);
            if (!outcome.Finished)
            {
                await Console.Error.WriteLineAsync("error: the demo stopped before every event was handled or dead-lettered").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
