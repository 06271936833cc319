using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary><c>run</c> (the default verb): a node until Ctrl-C or SIGTERM.</summary>
public static class RunCommand
{
    public static Command Create(CommonOptions common, IReadOnlyList<string>? roles, Action<IServiceCollection>? configureServices, out Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var run = new Command("run", "Start a node and run until Ctrl-C or SIGTERM (the default)");
        action = async (parse, cancellationToken) =>
        {
            var (options, exitCode) = await common.LoadAsync(parse, roles).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            try
            {
                await NodeHost.RunAsync(options, configureServices, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Actors.Processing.Crashes.HandlingJournalLockedException error)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false); // a second process of this node
                return ExitCodes.BadConfig;
            }
        };
        run.SetAction(action);
        return run;
    }
}
