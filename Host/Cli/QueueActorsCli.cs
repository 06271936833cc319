using System.CommandLine;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// The command line of <c>queueactors</c> (and of <c>queueactors-seed</c>, which runs the same node with
/// the seed role). <c>run</c> is the default verb.
/// </summary>
public static class QueueActorsCli
{
    public static Task<int> InvokeAsync(string[] args, string executable, IReadOnlyList<string>? defaultRoles)
    {
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = "A HOCON file layered over the built-in reference.conf",
            Recursive = true,
        };
        var root = new RootCommand($"{executable}: a QueueActors node (actor-model event processor)");
        root.Options.Add(config);

        var run = new Command("run", "Start a node and run until Ctrl-C or SIGTERM (the default)");
        root.Subcommands.Add(run);

        Func<ParseResult, CancellationToken, Task<int>> runNode = (parse, cancellationToken) =>
            RunNodeAsync(parse.GetValue(config), defaultRoles, cancellationToken);
        root.SetAction(runNode);
        run.SetAction(runNode);
        return root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunNodeAsync(FileInfo? configFile, IReadOnlyList<string>? roles, CancellationToken cancellationToken)
    {
        NodeOptions options;
        try
        {
            options = NodeOptions.Load(configFile?.FullName, roles);
        }
        catch (HoconException error)
        {
            await Console.Error.WriteLineAsync($"error: bad configuration: {error.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfig;
        }
        catch (FileNotFoundException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfig;
        }

        await NodeHost.RunAsync(options, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
