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
        // Bad values are parse errors: System.CommandLine prints them with the usage and exits 1.
        seedNodes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && Node.NodeSeeds.Parse(text) is null)
            {
                result.AddError($"--seed-nodes takes comma-separated host:port or akka.tcp://{Node.NodeAkka.SystemName}@host:port addresses, got '{text}'");
            }
        });
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > 65535)
            {
                result.AddError("--port takes a port from 0 (any free one) to 65535");
            }
        });
        var workers = new Option<int?>("--workers")
        {
            Description = "Worker processes: N > 1 makes this process a master of N worker nodes that it respawns; over queueactors.node.workers",
        };
        workers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--workers takes a number of worker processes of at least 1");
            }
        });
        var run = new Command("run", "Start a node and run until Ctrl-C or SIGTERM (the default); exit code 6 when the cluster downed it");
        run.Options.Add(seedNodes);
        run.Options.Add(port);
        run.Options.Add(workers);
        action = async (parse, cancellationToken) =>
        {
            var (options, exitCode) = await common.LoadAsync(parse, roles).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            if (parse.GetValue(seedNodes) is { } seeds)
            {
                options = options with { SeedNodes = Node.NodeSeeds.Parse(seeds)! }; // checked by its validator
            }

            if (parse.GetValue(port) is { } fixedPort)
            {
                options = options with { Remoting = options.Remoting with { Port = fixedPort } };
            }

            return await Workers.WorkerRun.RunAsync(options, parse.GetValue(workers), configureServices, cancellationToken).ConfigureAwait(false);
        };
        run.SetAction(action);
        return run;
    }
}
