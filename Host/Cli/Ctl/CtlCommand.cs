using System.CommandLine;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// <c>queueactors ctl &lt;command…&gt;</c>: one signed command to the cluster through a ClusterClient (<see cref="ClusterClientConnector"/>),
/// its replies printed; <c>queueactors ctl</c> alone: the interactive prompt. Needs the cluster secret as nodes do.
/// </summary>
public static class CtlCommand
{
    public const string Description = """
        Send signed control commands to the cluster (no command: an interactive prompt).
        Exit codes: 0 done; 1 usage (a wrong command line, or the node refused the arguments);
        2 configuration (bad file, cluster secret or node data missing); 3 no answer (no node reachable or none
        answered in time, or fewer nodes than addressed); 4 the command failed on a node, or no node serves it
        (for queue pause|resume: no node runs the queue). A node process itself exits 6 when the Akka cluster downed it.
        """;

    /// <param name="common">The shared --config and --broker options.</param>
    /// <param name="connector">How to reach the cluster; a ClusterClient by default.</param>
    public static Command Create(CommonOptions common, CtlConnector? connector = null)
    {
        ArgumentNullException.ThrowIfNull(common);
        var connect = connector ?? ClusterClientConnector.For(common);
        var ctl = new Command("ctl", Description);
        new CtlPalette(connect).AddTo(ctl);
        ctl.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await connect(parse, cancellationToken).ConfigureAwait(false);
            if (connection.Client is not { } client)
            {
                return connection.ExitCode;
            }

            var shell = new CtlShell(client, new ConsoleLineReader(), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return await shell.RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return ctl;
    }
}
