using System.CommandLine;
using System.CommandLine.Parsing;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// The interactive prompt of <c>queueactors ctl</c> (Petabridge.Cmd style): one connection to the cluster, then
/// palette commands line by line; <c>help</c> lists them, <c>help &lt;command&gt;</c> shows one, <c>exit</c> ends.
/// </summary>
public sealed class CtlShell(ControlClient client, ICtlLineReader input, TextWriter output, TextWriter error)
{
    public const string Prompt = "qa> ";

    /// <summary>Runs until <c>exit</c> or the end of input; returns the exit code of the last command.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var palette = new CtlPalette((_, _) => Task.FromResult(CtlConnection.Borrowed(client)));
        var root = new RootCommand("queueactors ctl");
        palette.AddTo(root);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = true, ProcessTerminationTimeout = null };
        await output.WriteLineAsync($"Connected as {client.ClientId}. Type 'help' for the commands, 'exit' to leave.").ConfigureAwait(false);
        var last = ExitCodes.Ok;
        while (!cancellationToken.IsCancellationRequested && input.ReadLine(Prompt) is { } line)
        {
            var words = CommandLineParser.SplitCommandLine(line).ToArray();
            switch (words)
            {
                case []:
                    continue;
                case ["exit" or "quit"]:
                    return last;
                case ["help"]:
                    await WriteHelpAsync().ConfigureAwait(false);
                    continue;
                case ["help", .. var command]:
                    await root.Parse([.. command, "--help"]).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
                    continue;
            }

            last = await root.Parse(words).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (last != ExitCodes.Ok)
            {
                await error.WriteLineAsync($"(exit code {last})").ConfigureAwait(false);
            }
        }

        return last;
    }

    private async Task WriteHelpAsync()
    {
        await output.WriteLineAsync("Commands:").ConfigureAwait(false);
        foreach (var command in ControlCommands.All)
        {
            await output.WriteLineAsync($"  {(command.Name + " " + command.Arguments).TrimEnd(),-44} {command.Summary}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  {"help [<command>]",-44} this list, or one command's options").ConfigureAwait(false);
        await output.WriteLineAsync($"  {"exit",-44} leave").ConfigureAwait(false);
        await output.WriteLineAsync("Options on every command: --json, --timeout 5s, --to-node N, --to-role R").ConfigureAwait(false);
    }
}
