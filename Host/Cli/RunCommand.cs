using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

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

            return await NodeStart.RunAsync(options, configureServices, cancellationToken).ConfigureAwait(false);
        };
        run.SetAction(action);
        return run;
    }
}
