using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

public sealed class ControlRequestTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    private const string Ping = "test ping";

    [Fact]
    public async Task A_signed_command_for_all_nodes_reaches_every_nodes_handler_and_each_replies()
    {
        var handlerA = new RecordingHandler(Ping);
        var handlerB = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", handlers: handlerA);
        await StartNodeAsync("node-b", handlers: handlerB);
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(Ping) { Mode = ReplyMode.All, Arguments = new Dictionary<string, string> { ["x"] = "1" } });

        Assert.False(result.TimedOut);
        Assert.Equal(["node-a", "node-b"], result.Served.Select(r => r.Node).Order());
        Assert.All(result.Served, r => Assert.True(r.Reply.IsOk));
        var onA = Assert.Single(handlerA.Requests);
        Assert.Single(handlerB.Requests);
        Assert.Equal("1", onA.Argument("x"));
        Assert.Equal(client.ClientId, onA.Sender);
        Assert.Equal("node-a", onA.Node);
    }

    [Fact]
    public async Task A_request_gets_the_first_reply_with_its_text_exit_code_and_data()
    {
        var handler = new RecordingHandler(Ping) { Answer = r => ControlReply.Ok("pong", new { answer = 42, node = r.Node }) };
        await StartNodeAsync("node-a", handlers: handler);
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(Ping));

        var reply = Assert.Single(result.Served);
        Assert.False(result.TimedOut);
        Assert.Equal("node-a", reply.Node);
        Assert.Equal("pong", reply.Reply.Text);
        Assert.Equal(0, reply.Reply.ExitCode);
        Assert.Equal(42, reply.Reply.Data!.Value.GetProperty("answer").GetInt32());
    }

    [Fact]
    public async Task A_request_targeted_at_a_node_is_handled_by_that_node_only()
    {
        var handlerA = new RecordingHandler(Ping);
        var handlerB = new RecordingHandler(Ping);
        await StartNodeAsync("node-a", handlers: handlerA);
        await StartNodeAsync("node-b", handlers: handlerB);
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(Ping) { TargetNode = "node-b", Mode = ReplyMode.All });

        Assert.Equal("node-b", Assert.Single(result.Responses).Node);
        Assert.Single(handlerB.Requests);
        Assert.Empty(handlerA.Requests);
    }

    [Fact]
    public async Task A_request_targeted_at_a_role_is_handled_by_the_nodes_with_that_role_only()
    {
        var worker = new RecordingHandler(Ping);
        var seed = new RecordingHandler(Ping);
        await StartNodeAsync("node-w", [NodeSettings.WorkerRole], handlers: worker);
        await StartNodeAsync("node-s", [NodeSettings.SeedRole], handlers: seed);
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(Ping) { TargetRole = NodeSettings.SeedRole });

        Assert.Equal("node-s", Assert.Single(result.Served).Node);
        Assert.Single(seed.Requests);
        Assert.Empty(worker.Requests);
    }

    [Fact]
    public async Task A_node_without_a_handler_answers_not_served_so_the_client_does_not_wait_for_the_timeout()
    {
        await StartNodeAsync("node-a");
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall("no such command") { TargetNode = "node-a", Timeout = TimeSpan.FromSeconds(30) });

        Assert.False(result.TimedOut);
        var response = Assert.Single(result.Responses);
        Assert.False(response.Served);
        Assert.Equal(ControlReply.FailedCode, response.Reply.ExitCode);
        Assert.Empty(result.Served);
    }

    [Fact]
    public async Task The_statusnet_form_update_site_reaches_the_site_update_handler_with_the_site()
    {
        var handler = new RecordingHandler(ControlCommands.SiteUpdate);
        await StartNodeAsync("node-a", handlers: handler);
        var client = await ConnectClientAsync();

        await client.SendAsync(new ControlCall("update:site-a") { Mode = ReplyMode.First });

        var request = Assert.Single(handler.Requests);
        Assert.Equal(ControlCommands.SiteUpdate, request.Command);
        Assert.Equal("site-a", request.Argument(ControlArguments.Site));
    }

    [Fact]
    public async Task A_handler_that_throws_answers_failed_and_bad_arguments_answer_usage()
    {
        var handler = new RecordingHandler(Ping, "test args")
        {
            Answer = r => r.Command == Ping ? throw new InvalidOperationException("disk full") : ControlReply.Ok(r.RequiredArgument("needed")),
        };
        await StartNodeAsync("node-a", handlers: handler);
        var client = await ConnectClientAsync();

        var failed = Assert.Single((await client.SendAsync(new ControlCall(Ping))).Served).Reply;
        var usage = Assert.Single((await client.SendAsync(new ControlCall("test args"))).Served).Reply;

        Assert.Equal(ControlReply.FailedCode, failed.ExitCode);
        Assert.Contains("disk full", failed.Text, StringComparison.Ordinal);
        Assert.Equal(ControlReply.UsageCode, usage.ExitCode);
        Assert.Contains("'needed'", usage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_answers_with_the_nodes_status_from_its_provider()
    {
        await StartNodeAsync("node-a");
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(ControlCommands.Status));

        var reply = Assert.Single(result.Served).Reply;
        Assert.False(result.TimedOut); // node-a knows itself as the one member addressed
        Assert.StartsWith("node-a: roles worker;", reply.Text, StringComparison.Ordinal);
        Assert.Equal("node-a", reply.Data!.Value.GetProperty("node").GetString());
        Assert.True(reply.Data!.Value.GetProperty("workingSetBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Actor_tree_answers_with_the_nodes_actors()
    {
        await StartNodeAsync("node-a");
        var client = await ConnectClientAsync();

        var result = await client.SendAsync(new ControlCall(ControlCommands.ActorTree) { TargetNode = "node-a" });

        var reply = Assert.Single(result.Served).Reply;
        Assert.Contains("control  [ControlActor]", reply.Text, StringComparison.Ordinal);
        var user = reply.Data!.Value.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "user");
        Assert.Contains(user.GetProperty("children").EnumerateArray(), c => c.GetProperty("path").GetString() == "akka://qa/user/control");
        Assert.Equal(JsonValueKind.Array, user.GetProperty("children").ValueKind);
    }
}
