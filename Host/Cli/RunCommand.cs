using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace QueueActors.Host.Cli;

/// <summary><c>run</c> (the default verb): a node until Ctrl-C or SIGTERM.</summary>
public static class RunCommand
{
    public static Command Create(CommonOptions common, IReadOnlyList<string>? roles, Action<IServiceCollection>? configureServices, out Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var seedNodes = new Option<string?>("--seed-nodes")
        {
            Description = $"The Akka cluster's seed nodes, comma-separated host:port or akka.tcp://{Node.NodeAkka.SystemName}@host:port; over akka.cluster.seed-nodes and the variable {Node.NodeSeeds.Variable}",
        };
        var port = new Option<int?>("--port")
        {
            Description = $"The port the node's remoting binds (a seed node needs a fixed one); over queueactors.cluster.remoting.port and the variable {Node.NodeRemoting.PortVariable}",
        };
        var run = new Command("run", "Start a node and run until Ctrl-C or SIGTERM (the default); exit code 6 when the cluster downed it");
        run.Options.Add(seedNodes);
        run.Options.Add(port);
        action = async (parse, cancellationToken) =>
        {
            var (options, exitCode) = await common.LoadAsync(parse, roles).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            if (parse.GetValue(seedNodes) is { } seeds)
            {
                if (Node.NodeSeeds.Parse(seeds) is not { } parsed)
                {
                    await Console.Error.WriteLineAsync($"error: --seed-nodes takes comma-separated host:port or akka.tcp://{Node.NodeAkka.SystemName}@host:port addresses").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                options = options with { SeedNodes = parsed };
            }

            if (parse.GetValue(port) is { } fixedPort)
            {
                if (fixedPort is < 0 or > 65535)
                {
                    await Console.Error.WriteLineAsync("error: --port takes a port from 0 to 65535").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                options = options with { Remoting = options.Remoting with { Port = fixedPort } };
            }

            return await NodeStart.RunAsync(options, configureServices, cancellationToken).ConfigureAwait(false);
        };
        run.SetAction(action);
        return run;
    }
}
