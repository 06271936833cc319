using System.CommandLine;
using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Host.Cli;
using QueueActors.Host.Cli.Ctl;
using QueueActors.Tests.Cluster.Control;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Host;

/// <summary>
/// <c>queueactors ctl</c> end to end in one process: the real command line, palette and output, with a control
/// client on the in-memory transport in place of the configured broker (which another process would need).
/// </summary>
public sealed class CtlCommandTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    public async Task Cluster_show_with_json_prints_the_members_as_one_json_document_and_exits_0()
    {
        var a = await StartNodeAsync("node-a");
        var b = await StartNodeAsync("node-b", [NodeSettings.SeedRole]);
        await AwaitMembersAsync(a, b);

        var (code, stdout, _) = await CtlAsync("cluster", "show", "--json", "--to-node", "node-a");

        Assert.Equal(ExitCodes.Ok, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(["node-a", "node-b"], document.RootElement.EnumerateArray().Select(m => m.GetProperty("node").GetString()));
        Assert.Equal(["seed"], document.RootElement[1].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Cluster_show_without_json_prints_the_members_table()
    {
        await StartNodeAsync("node-a");

        var (code, stdout, _) = await CtlAsync("cluster", "show");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("1 member(s), as seen by node-a", stdout, StringComparison.Ordinal);
        Assert.Contains("NODE", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_every_node_answers_prints_json_data_by_node()
    {
        var status = new RecordingHandler(ControlCommands.Status) { Answer = r => ControlReply.Ok("fine", new { node = r.Node, inFlight = 0 }) };
        var a = await StartNodeAsync("node-a", handlers: status);
        var b = await StartNodeAsync("node-b", handlers: status);
        await AwaitMembersAsync(a, b);

        var (code, stdout, _) = await CtlAsync("status", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal("node-a", document.RootElement.GetProperty("node-a").GetProperty("node").GetString());
        Assert.Equal("node-b", document.RootElement.GetProperty("node-b").GetProperty("node").GetString());
    }

    [Fact]
    public async Task Palette_arguments_reach_the_handler_as_named_arguments()
    {
        var queues = new RecordingHandler(ControlCommands.QueuePause);
        var dead = new RecordingHandler(ControlCommands.DeadReplay, ControlCommands.DeadPurge);
        await AwaitMembersAsync(await StartNodeAsync("node-a", [NodeSettings.WorkerRole, NodeSettings.SeedRole], null, queues, dead));

        Assert.Equal(ExitCodes.Ok, (await CtlAsync("queue", "pause", "email", "--site", "site-a", "--timeout", "10s")).Code);
        Assert.Equal(ExitCodes.Ok, (await CtlAsync("dead", "replay", "--all", "--queue", "email")).Code);
        Assert.Equal(ExitCodes.Ok, (await CtlAsync("dead", "purge", "--older-than", "7d")).Code);

        var pause = Assert.Single(queues.Requests);
        Assert.Equal(("email", "site-a"), (pause.Argument(ControlArguments.Queue), pause.Argument(ControlArguments.Site)));
        Assert.Collection(
            dead.Requests,
            replay => Assert.Equal((true, "email", null), (replay.Flag(ControlArguments.All), replay.Argument(ControlArguments.Queue), replay.Argument(ControlArguments.Id))),
            purge => Assert.Equal("7d", purge.Argument(ControlArguments.OlderThan)));
    }

    [Fact]
    public async Task Node_shutdown_with_a_name_goes_to_that_node_only()
    {
        var onA = new RecordingHandler(ControlCommands.NodeShutdown);
        var onB = new RecordingHandler(ControlCommands.NodeShutdown);
        var a = await StartNodeAsync("node-a", handlers: onA);
        var b = await StartNodeAsync("node-b", handlers: onB);
        await AwaitMembersAsync(a, b);

        var (code, stdout, _) = await CtlAsync("node", "shutdown", "node-b", "--timeout", "10s");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("node shutdown done on node-b", stdout, StringComparison.Ordinal);
        Assert.Single(onB.Requests);
        Assert.Empty(onA.Requests);
    }

    [Fact]
    public async Task Exit_code_4_when_the_command_fails_on_the_node_or_no_node_serves_it()
    {
        var failing = new RecordingHandler(ControlCommands.QueuePurge) { Answer = _ => ControlReply.Failed("the broker refused") };
        await StartNodeAsync("node-s", [NodeSettings.SeedRole], null, failing);

        var failed = await CtlAsync("queue", "purge", "email");
        var unserved = await CtlAsync("site", "list");

        Assert.Equal(ExitCodes.CommandFailed, failed.Code);
        Assert.Contains("the broker refused", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CommandFailed, unserved.Code);
        Assert.Contains("does not serve 'site list'", unserved.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pausing_a_queue_no_node_runs_says_so_once_and_exits_4()
    {
        var notHere = new RecordingHandler(ControlCommands.QueuePause) { Answer = r => throw new ControlNotServedException($"qa.email does not run on node {r.Node}") };
        var a = await StartNodeAsync("node-a", handlers: notHere);
        var b = await StartNodeAsync("node-b", handlers: notHere);
        await AwaitMembersAsync(a, b);

        var (code, stdout, stderr) = await CtlAsync("queue", "pause", "email", "--site", "site-a", "--timeout", "10s");

        Assert.Equal(ExitCodes.CommandFailed, code);
        Assert.Equal("error: no node runs queue email of site site-a (answered: node-a, node-b)", stderr.Trim().Replace("node-b, node-a", "node-a, node-b", StringComparison.Ordinal));
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Exit_code_1_for_a_wrong_command_line_or_arguments_the_node_refuses()
    {
        var refusing = new RecordingHandler(ControlCommands.DeadShow) { Answer = _ => ControlReply.Usage("no dead letter has that id") };
        await StartNodeAsync("node-s", [NodeSettings.SeedRole], null, refusing);

        Assert.Equal(ExitCodes.Usage, (await CtlAsync("queue", "pause")).Code);
        Assert.Equal(ExitCodes.Usage, (await CtlAsync("dead", "replay")).Code);
        Assert.Equal(ExitCodes.Usage, (await CtlAsync("dead", "replay", "some-id", "--all")).Code);
        Assert.Equal(ExitCodes.Usage, (await CtlAsync("cluster", "show", "--timeout", "soon")).Code);
        var refused = await CtlAsync("dead", "show", "nope");
        Assert.Equal(ExitCodes.Usage, refused.Code);
        Assert.Contains("no dead letter has that id", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("nope", Assert.Single(refusing.Requests).Argument(ControlArguments.Id)); // the wrong command lines sent nothing
    }

    [Fact]
    public async Task Exit_code_3_when_no_node_answers_in_time()
    {
        await StartNodeAsync("node-a");

        var (code, _, stderr) = await CtlAsync("actor", "tree", "node-nowhere", "--timeout", "200ms");

        Assert.Equal(ExitCodes.NoAnswer, code);
        Assert.Contains("no answer from node node-nowhere within 0.2 s", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_prompt_runs_palette_commands_line_by_line_with_help_and_exit()
    {
        await StartNodeAsync("node-a");
        var client = await ConnectClientAsync();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var lines = new ScriptedLines("help", "help queue pause", "", "cluster show", "bogus", "exit", "cluster show");

        var code = await new CtlShell(client, lines, stdout, stderr).RunAsync();

        var text = stdout.ToString();
        Assert.Contains("queue pause <queue> [--site S]", text, StringComparison.Ordinal);
        Assert.Contains("queue pause <queue> [options]", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "as seen by node-a"));
        Assert.Contains("'bogus'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(1, lines.Left);
    }

    [Fact]
    public async Task Queue_quiet_with_node_goes_to_that_node_only_with_the_queue_and_site()
    {
        var quiet = new RecordingHandler(ControlCommands.QueueQuiet);
        var a = await StartNodeAsync("node-a", handlers: quiet);
        var b = await StartNodeAsync("node-b", handlers: quiet);
        await AwaitMembersAsync(a, b);

        var (code, stdout, _) = await CtlAsync("queue", "quiet", "email", "--site", "acme", "--node", "node-b");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("queue quiet done on node-b", stdout, StringComparison.Ordinal);
        var request = Assert.Single(quiet.Requests);
        Assert.Equal(("node-b", "email", "acme"), (request.Node, request.Argument(ControlArguments.Queue), request.Argument(ControlArguments.Site)));
    }

    private async Task<(int Code, string Stdout, string Stderr)> CtlAsync(params string[] args)
    {
        var client = await ConnectClientAsync();
        var root = new RootCommand("test");
        root.Subcommands.Add(CtlCommand.Create(new CommonOptions(), (_, _) => Task.FromResult(CtlConnection.Borrowed(client))));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await root.Parse(["ctl", .. args]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private sealed class ScriptedLines(params string[] lines) : ICtlLineReader
    {
        private readonly Queue<string> left = new(lines);

        public int Left => left.Count;

        public string? ReadLine(string prompt) => left.TryDequeue(out var line) ? line : null;
    }
}
