using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace QueueActors.Host.Cli;

/// <summary>
/// The command line of <c>queueactors</c> (and of <c>queueactors-seed</c>, which runs the same node with the
/// seed role). <c>run</c> is the default verb. An application that hosts its own handlers calls this with
/// <paramref name="configureServices"/> (e.g. <c>services.AddQueueHandlers(typeof(Program).Assembly)</c>).
/// </summary>
public static class QueueActorsCli
{
    public static Task<int> InvokeAsync(string[] args, string executable, IReadOnlyList<string>? defaultRoles, Action<IServiceCollection>? configureServices = null)
    {
        var common = new CommonOptions();
        var root = new RootCommand($"{executable}: a QueueActors node (actor-model event processor)");
        root.Options.Add(common.Config);
        root.Options.Add(common.Broker);
        root.Options.Add(common.DataDir);
        root.Options.Add(common.Seed);
        root.Options.Add(CommandLogging.CreateOption());
        root.Subcommands.Add(RunCommand.Create(common, defaultRoles, configureServices, out var runNode));
        root.Subcommands.Add(ProcessQueueCommand.Create(common, configureServices));
        root.Subcommands.Add(PublishCommand.Create(common));
        root.Subcommands.Add(PurgeQueueCommand.Create(common));
        root.Subcommands.Add(DemoCommand.Create(common));
        root.Subcommands.Add(Ctl.CtlCommand.Create(common));
        root.Subcommands.Add(Check.CheckCommand.Create(common));
        root.Subcommands.Add(CertCommand.Create());
        new Ctl.CtlPalette(Ctl.ClusterClientConnector.For(common)).AddShortcutsTo(root);
        root.SetAction(runNode);
        var parse = root.Parse(args);

        // A node stops on SIGTERM and Ctrl-C through its generic host, which drains within shutdown-timeout.
        // System.CommandLine's own handler would give up after 2 s and exit 143 in the middle of the drain.
        var runsNode = parse.CommandResult.Command == root || parse.CommandResult.Command.Name is "run" or "process-queue";
        return parse.InvokeAsync(runsNode ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null);
    }
}
