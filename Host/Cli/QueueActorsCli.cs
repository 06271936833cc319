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
        root.Options.Add(CommandLogging.CreateOption());
        root.Subcommands.Add(RunCommand.Create(common, defaultRoles, configureServices, out var runNode));
        root.Subcommands.Add(ProcessQueueCommand.Create(common, configureServices));
        root.Subcommands.Add(PublishCommand.Create(common));
        root.Subcommands.Add(PurgeQueueCommand.Create(common));
        root.Subcommands.Add(DemoCommand.Create(common));
        root.Subcommands.Add(Ctl.CtlCommand.Create(common));
        new Ctl.CtlPalette(Ctl.TransportConnector.For(common)).AddShortcutsTo(root);
        root.SetAction(runNode);
        return root.Parse(args).InvokeAsync();
    }
}
