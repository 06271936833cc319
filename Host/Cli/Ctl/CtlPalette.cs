using System.CommandLine;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Transport;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// The <c>ctl</c> commands (Petabridge.Cmd-style palette), built onto a parent command: under <c>queueactors ctl</c>
/// for one-shot use, and under the interactive prompt's root for each line typed there. Every command becomes a
/// <see cref="ControlCall"/> sent through the connector's client; <see cref="CtlOutput"/> prints the replies.
/// </summary>
public sealed partial class CtlPalette(CtlConnector connect)
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print the replies' JSON data (one document) instead of text", Recursive = true };

    public Option<string?> Timeout { get; } = new("--timeout") { Description = "How long to wait for replies (5s, 500ms, 1m); default queueactors.cluster.request-timeout", Recursive = true };

    public Option<string?> Node { get; } = new("--to-node") { Description = "Send the command to this node only", Recursive = true };

    public Option<string?> Role { get; } = new("--to-role") { Description = "Send the command to the nodes with this role only (worker, seed)", Recursive = true };

    /// <summary>Adds the options and the command groups to <paramref name="parent"/>.</summary>
    public void AddTo(Command parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        parent.Options.Add(Json);
        parent.Options.Add(Timeout);
        parent.Options.Add(Node);
        parent.Options.Add(Role);
        parent.Subcommands.Add(Group("cluster", "The cluster's members", Leaf("show", "The members: state, roles, sites, queues, load, version", _ => new ControlCall(ControlCommands.ClusterShow))));
        parent.Subcommands.Add(Leaf("status", "Every node reports its status", _ => new ControlCall(ControlCommands.Status)));
        parent.Subcommands.Add(SiteCommands());
        parent.Subcommands.Add(QueueCommands());
        parent.Subcommands.Add(DeadCommands());
        parent.Subcommands.Add(ScheduledCommands());
        parent.Subcommands.Add(NodeCommands());
        var node = new Argument<string>("node") { Description = "The node's name" };
        parent.Subcommands.Add(Group("actor", "Actors", Leaf("tree", "A node's actor tree", p => new ControlCall(ControlCommands.ActorTree) { TargetNode = p.GetValue(node) }, node)));
    }

    /// <summary>
    /// Adds the <c>site</c> and <c>dead</c> groups to <paramref name="root"/> as well (<c>queueactors site list</c> is
    /// <c>queueactors ctl site list</c>): the registry and the dead-letter store live on the seed, reached through the
    /// control channel like every ctl command.
    /// </summary>
    public void AddShortcutsTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var group in new[] { SiteCommands(), DeadCommands() })
        {
            group.Options.Add(Json);
            group.Options.Add(Timeout);
            group.Options.Add(Node);
            group.Options.Add(Role);
            root.Subcommands.Add(group);
        }
    }

    private static Command Group(string name, string description, params Command[] leaves)
    {
        var group = new Command(name, description);
        foreach (var leaf in leaves)
        {
            group.Subcommands.Add(leaf);
        }

        return group;
    }

    private Command Leaf(string name, string description, Func<ParseResult, ControlCall> build, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.SetAction((parse, cancellationToken) => RunAsync(parse, build, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, ControlCall> build, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        ControlCall call;
        TimeSpan? timeout = null;
        try
        {
            call = build(parse);
            if (parse.GetValue(Timeout) is { } text)
            {
                timeout = ControlArguments.TryParseDuration(text, out var parsed) && parsed > TimeSpan.Zero
                    ? parsed
                    : throw new CtlUsageException($"--timeout takes {ControlArguments.DurationExpected}");
            }
        }
        catch (CtlUsageException usage)
        {
            await error.WriteLineAsync($"error: {usage.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using var connection = await connect(parse, cancellationToken).ConfigureAwait(false);
        if (connection.Client is not { } client)
        {
            return connection.ExitCode;
        }

        call = call with
        {
            Timeout = timeout ?? client.RequestTimeout,
            TargetNode = call.TargetNode ?? parse.GetValue(Node),
            TargetRole = call.TargetRole ?? parse.GetValue(Role),
        };
        try
        {
            var result = await client.SendAsync(call, cancellationToken).ConfigureAwait(false);
            return await CtlOutput.WriteAsync(call, result, parse.GetValue(Json), output, error).ConfigureAwait(false);
        }
        catch (TransportException failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }

    private static Dictionary<string, string> Args(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
}
