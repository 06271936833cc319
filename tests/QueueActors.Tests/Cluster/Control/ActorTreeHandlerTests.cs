using System.Text.Json;
using Akka.Actor;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Control.Handlers;
using QueueActors.Actors.Xmpp;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Xmpp;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Control;

/// <summary><c>actor tree</c> on Akka: the actors are found by identifying children level by level from outside.</summary>
public sealed class ActorTreeHandlerTests(ITestOutputHelper output) : LoggingTestKit(output)
{
    private readonly ITestOutputHelper output = output;

    [Fact]
    public async Task Lists_user_actors_with_their_children_and_classes_and_the_system_actors()
    {
        var xmpp = Sys.ActorOf(OnDemandXmppOutput.Props(XmppTestSettings.Defaults, new FakeXmppConnector()), "xmpp");
        xmpp.Tell(GetXmppOutputStatus.Instance, TestActor);
        await ExpectMsgAsync<XmppOutputStatus>();
        xmpp.Tell(new SendStanza(new XmppStanza("s1", "site-a", "receiver@fake", "hello")), TestActor); // starts the child "output"
        await ExpectMsgAsync<StanzaSent>();

        var reply = await TreeAsync();

        output.WriteLine(reply.Text);
        var lines = reply.Text.Split('\n');
        Assert.Equal("akka://test/", lines[0]);
        Assert.Contains("  user  [GuardianActor]", lines);
        Assert.Contains("    xmpp  [OnDemandXmppOutput]", lines);
        Assert.Contains("      output  [XmppOutputActor]", lines);
        Assert.Contains("  system  [SystemGuardianActor]", lines);
        Assert.DoesNotContain(lines, l => l.Contains("ActorTreeWalker", StringComparison.Ordinal));
        var user = Child(reply.Data!.Value, "user");
        var output1 = Child(Child(user, "xmpp"), "output");
        Assert.Equal("akka://test/user/xmpp/output", output1.GetProperty("path").GetString());
        Assert.Equal("XmppOutputActor", output1.GetProperty("actor").GetString());
        Assert.NotEmpty(Child(reply.Data!.Value, "system").GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task A_stopped_actor_is_no_longer_listed()
    {
        var xmpp = Sys.ActorOf(OnDemandXmppOutput.Props(XmppTestSettings.Defaults, new FakeXmppConnector()), "xmpp");
        Watch(xmpp);
        Sys.Stop(xmpp);
        await ExpectTerminatedAsync(xmpp);

        var reply = await TreeAsync();

        Assert.DoesNotContain("xmpp", reply.Text, StringComparison.Ordinal);
        Assert.Empty(Child(reply.Data!.Value, "user").GetProperty("children").EnumerateArray());
    }

    private async Task<ControlReply> TreeAsync()
    {
        var reply = await new ActorTreeHandler(Sys).HandleAsync(new ControlRequest(ControlCommands.ActorTree, new Dictionary<string, string>(), "ctl-test", "1", "node-a"), CancellationToken.None);
        Assert.True(reply.IsOk);
        return reply;
    }

    private static JsonElement Child(JsonElement node, string name) =>
        node.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
