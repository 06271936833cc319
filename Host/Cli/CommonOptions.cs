using System.CommandLine;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>Options every command shares (<c>--config</c>, <c>--broker</c>, <c>--data-dir</c>, <c>--seed</c>) and loading the node's options from them.</summary>
public sealed class CommonOptions
{
    public Option<FileInfo?> Config { get; } = new("--config", "-c")
    {
        Description = "A HOCON file layered over the built-in reference.conf",
        Recursive = true,
    };

    public Option<string[]> Broker { get; } = new("--broker")
    {
        Description = "A RabbitMQ server, amqp://user:password@host:port/vhost (repeatable); replaces the configured servers",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<DirectoryInfo?> DataDir { get; } = new(NodeOptions.DataDirectoryOption)
    {
        Description = "The node's data directory (its database, cluster secret); over queueactors.data-directory and the variable QUEUEACTORS_DATA_DIR",
        Recursive = true,
    };

    public Option<string[]> Seed { get; } = SeedOption();

    /// <summary>
    /// <c>--seed</c> of <c>ctl</c>, <c>site</c> and <c>dead</c>: the nodes the ClusterClient contacts. A value that is not an
    /// address is a parse error (printed with the usage, exit 1).
    /// </summary>
    private static Option<string[]> SeedOption()
    {
        var seed = new Option<string[]>("--seed")
        {
            Description = $"ctl, site, dead: a cluster node to contact, host:port (repeatable or comma-separated); over akka.cluster.seed-nodes and {NodeSeeds.Variable}",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
        };
        seed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>() is { Length: > 0 } values && NodeSeeds.Parse(string.Join(',', values)) is null)
            {
                result.AddError($"--seed takes host:port or akka.tcp://{NodeAkka.SystemName}@host:port addresses, got '{string.Join(' ', values)}'");
            }
        });
        return seed;
    }

    /// <summary>Loads the options, or writes why not and returns the exit code.</summary>
    public async Task<(NodeOptions? Options, int ExitCode)> LoadAsync(ParseResult parse, IReadOnlyList<string>? roles)
    {
        var brokers = new List<Uri>();
        foreach (var text in parse.GetValue(Broker) ?? [])
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            {
                await Console.Error.WriteLineAsync("error: --broker takes an amqp:// or amqps:// URI").ConfigureAwait(false);
                return (null, ExitCodes.Usage);
            }

            brokers.Add(uri);
        }

        try
        {
            return (NodeOptions.Load(parse.GetValue(Config)?.FullName, roles, brokers, parse.GetValue(DataDir)?.FullName), ExitCodes.Ok);
        }
        catch (HoconException error)
        {
            await Console.Error.WriteLineAsync($"error: bad configuration: {error.Message}").ConfigureAwait(false);
            return (null, ExitCodes.BadConfig);
        }
        catch (FileNotFoundException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return (null, ExitCodes.BadConfig);
        }
    }
}
