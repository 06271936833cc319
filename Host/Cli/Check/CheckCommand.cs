using System.CommandLine;
using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Stats;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Sites;
using QueueActors.Host.Cli.Ctl;
using QueueActors.Host.Node.Control;

namespace QueueActors.Host.Cli.Check;

/// <summary>
/// <c>queueactors check consumers|backlog|stuck|memory|send-receive</c>: Nagios plugins; all but send-receive ask the
/// nodes over the control channel (reached as <c>ctl</c> reaches it), send-receive goes through the transport. Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also when the cluster cannot be reached or nobody
/// answers); one line <c>OK: …</c> naming the worst queues, or <c>--json</c>.
/// </summary>
public static class CheckCommand
{
    public const string Description = """
        Nagios checks of the cluster's queues (Zulip's check_rabbitmq_consumers, check_rabbitmq_queue, queue-worker stuck).
        Exit codes (Nagios): 0 OK; 1 WARNING; 2 CRITICAL; 3 UNKNOWN (the cluster or broker could not be asked).
        """;

    /// <param name="common">The shared options.</param>
    /// <param name="connector">How to reach the cluster; a ClusterClient by default (tests give their own).</param>
    public static Command Create(CommonOptions common, CtlConnector? connector = null)
    {
        ArgumentNullException.ThrowIfNull(common);
        var connect = connector ?? ClusterClientConnector.For(common);
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON (status, summary, items)", Recursive = true };
        var check = new Command("check", Description);
        check.Options.Add(json);
        check.Subcommands.Add(Leaf("consumers", "every queue the workers run, the configuration or the site registry names has a consumer", common, connect, json,
            (options, rows, sites) => QueueChecks.Consumers([.. rows.Select(r => r.Row)], ExpectedQueues.Of(options, sites ?? []), registryAnswered: sites is not null), askSites: true));
        check.Subcommands.Add(Leaf("backlog", "time to clear = depth × recent average consume time; queueactors.check.backlog thresholds", common, connect, json,
            (options, rows, _) => QueueChecks.Backlog([.. rows.Select(r => r.Row)], CheckSettings.FromConfig(options.Config))));
        check.Subcommands.Add(Leaf("stuck", "no queue with work has gone queueactors.check.stuck-after without finishing an event", common, connect, json,
            (options, rows, _) => QueueChecks.Stuck(rows, CheckSettings.FromConfig(options.Config), DateTimeOffset.UtcNow)));
        check.Subcommands.Add(MemoryLeaf(common, connect, json));
        check.Subcommands.Add(SendReceiveLeaf(common, json));
        return check;
    }

    private static Command MemoryLeaf(CommonOptions common, CtlConnector connect, Option<bool> json)
    {
        var command = new Command("memory", "no node is past its soft memory limit (queueactors.node.soft-memory-limit)");
        command.SetAction(async (parse, cancellationToken) => await WriteAsync(parse, json, await AskAsync("memory", ControlCommands.Status, parse, common, connect, (_, responses, _) =>
            MemoryCheck.Evaluate([.. responses.Select(r => r.Reply.Data?.Deserialize<NodeStatus>(ControlWire.Json)).OfType<NodeStatus>()]), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false));
        return command;
    }

    private static Command SendReceiveLeaf(CommonOptions common, Option<bool> json)
    {
        var warning = new Option<string>("--warning") { Description = "Round trip past which the check warns", DefaultValueFactory = _ => "1s" };
        var critical = new Option<string>("--critical") { Description = "Round trip past which (or no answer by which) the check is critical", DefaultValueFactory = _ => "5s" };
        var command = new Command("send-receive", $"a probe published to {SendReceiveProbe.Queue} is handled by a worker in time; prints the round trip") { warning, critical };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ControlArguments.TryParseDuration(parse.GetValue(warning), out var warn) || !ControlArguments.TryParseDuration(parse.GetValue(critical), out var crit) || warn <= TimeSpan.Zero || crit < warn)
            {
                return await WriteAsync(parse, json, CheckOutcome.Unknown("send-receive", $"--warning and --critical take {ControlArguments.DurationExpected}, critical at least warning")).ConfigureAwait(false);
            }

            return await WriteAsync(parse, json, await SendReceiveAsync(parse, common, warn, crit, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<CheckOutcome> SendReceiveAsync(ParseResult parse, CommonOptions common, TimeSpan warning, TimeSpan critical, CancellationToken cancellationToken)
    {
        var (options, _) = await common.LoadAsync(parse, null).ConfigureAwait(false);
        if (options is null || await CommandBackends.RefuseAsync(options).ConfigureAwait(false) is not null)
        {
            return CheckOutcome.Unknown("send-receive", "cannot reach the cluster's transport (see the error above)");
        }

        using var logging = CommandLogging.Create(parse);
        await using var backends = await CommandBackends.OpenAsync(options, logging, cancellationToken).ConfigureAwait(false);
        if (backends is null)
        {
            return CheckOutcome.Unknown("send-receive", "cannot reach the cluster's transport (see the error above)");
        }

        try
        {
            return await SendReceiveCheck.RunAsync(backends.Transport, new QueueTopology(options.Messaging), warning, critical, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportException failure)
        {
            return CheckOutcome.Unknown("send-receive", $"the transport failed: {failure.Message}");
        }
    }

    private static async Task<int> WriteAsync(ParseResult parse, Option<bool> json, CheckOutcome outcome)
    {
        var output = parse.InvocationConfiguration.Output;
        await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(outcome, ControlWire.Json) : outcome.Line).ConfigureAwait(false);
        return (int)outcome.Status;
    }

    /// <summary>A check over every worker's <c>queue list</c> (and, with <paramref name="askSites"/>, the site registry's sites; null when it did not answer).</summary>
    private static Command Leaf(string name, string description, CommonOptions common, CtlConnector connect, Option<bool> json, Func<Node.NodeOptions, IReadOnlyList<(string Node, QueueProcessingStatus Row)>, IReadOnlyList<SiteDefinition>?, CheckOutcome> evaluate, bool askSites = false)
    {
        var command = new Command(name, description);
        command.SetAction(async (parse, cancellationToken) => await WriteAsync(parse, json, await AskAsync(name, ControlCommands.QueueList, parse, common, connect, (options, responses, sites) =>
            evaluate(options, [.. responses.SelectMany(r => (r.Reply.Data?.Deserialize<QueueProcessingStatus[]>(ControlWire.Json) ?? []).Select(row => (r.Node, row)))], sites), cancellationToken, askSites).ConfigureAwait(false)).ConfigureAwait(false));
        return command;
    }

    /// <summary>Sends <paramref name="command"/> to every node and evaluates the answers; UNKNOWN when the cluster cannot be asked.</summary>
    private static async Task<CheckOutcome> AskAsync(string check, string command, ParseResult parse, CommonOptions common, CtlConnector connect, Func<Node.NodeOptions, IReadOnlyList<ControlResponse>, IReadOnlyList<SiteDefinition>?, CheckOutcome> evaluate, CancellationToken cancellationToken, bool askSites = false)
    {
        var (options, _) = await common.LoadAsync(parse, null).ConfigureAwait(false);
        if (options is null)
        {
            return CheckOutcome.Unknown(check, "bad configuration (see the error above)");
        }

        await using var connection = await connect(parse, cancellationToken).ConfigureAwait(false);
        if (connection.Client is not { } client)
        {
            return CheckOutcome.Unknown(check, "cannot reach the cluster (see the error above)");
        }

        ControlResult result;
        IReadOnlyList<SiteDefinition>? sites = null;
        try
        {
            result = await client.SendAsync(new ControlCall(command) { Mode = ReplyMode.All, Timeout = client.RequestTimeout }, cancellationToken).ConfigureAwait(false);
            if (askSites && (await client.SendAsync(new ControlCall(ControlCommands.SiteList) { Timeout = client.RequestTimeout }, cancellationToken).ConfigureAwait(false)).Served.FirstOrDefault()?.Reply.Data is { } registry)
            {
                sites = [.. SeedReplies.ReadSites(registry).Select(s => s.Definition)];
            }
        }
        catch (TransportException failure)
        {
            return CheckOutcome.Unknown(check, $"cannot reach the cluster: {failure.Message}");
        }

        if (result.Served.Count == 0)
        {
            return CheckOutcome.Unknown(check, $"no node answered {command}");
        }

        try
        {
            return evaluate(options, result.Served, sites);
        }
        catch (HoconException error)
        {
            return CheckOutcome.Unknown(check, $"bad configuration: {error.Message}");
        }
    }
}
