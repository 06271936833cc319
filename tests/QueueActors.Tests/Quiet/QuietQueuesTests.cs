using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Control.Handlers;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Processing.Supervision;
using Xunit;

namespace QueueActors.Tests.Quiet;

/// <summary>The quiet state's rules, and how <c>status</c> tells it.</summary>
public sealed class QuietQueuesTests
{
    [Fact]
    public void A_quiet_node_holds_every_queue_even_one_never_quieted_on_its_own()
    {
        var quiet = new QuietQueues();

        quiet.SetNode(true);

        Assert.True(quiet.Node);
        Assert.True(quiet.Contains("qa.email"));
        Assert.True(quiet.Contains("qa.acme.example.email"));
    }

    [Fact]
    public void A_queue_unquieted_while_the_node_is_quiet_stays_quiet_and_node_resume_ends_every_quiet_mode()
    {
        var quiet = new QuietQueues();
        Assert.True(quiet.Set("qa.email", quiet: true));
        Assert.True(quiet.Set("qa.sms", quiet: true));
        quiet.SetNode(true);

        Assert.True(quiet.Set("qa.sms", quiet: false));
        Assert.True(quiet.Contains("qa.sms"));

        quiet.SetNode(false);
        Assert.False(quiet.Contains("qa.email"));
        Assert.False(quiet.Contains("qa.sms"));
        Assert.False(quiet.Set("qa.email", quiet: false)); // nothing left to end
    }

    [Theory]
    [InlineData(true, 3, "; quiet;")]
    [InlineData(false, 2, "; 2 queue(s) quiet;")]
    public async Task Status_says_whether_the_node_or_some_of_its_queues_are_quiet(bool node, int queues, string expected)
    {
        var status = new NodeStatus("w1", ["worker"], [], ["email"], 0, 0, 0, TimeSpan.Zero, "1.0") { Quiet = node, QuietQueues = queues };

        var reply = await new StatusHandler(new FixedStatus(status)).HandleAsync(new ControlRequest(ControlCommands.Status, new Dictionary<string, string>(), "test", "1", "w1"), CancellationToken.None);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    private sealed class FixedStatus(NodeStatus status) : INodeStatusProvider
    {
        public NodeStatus GetStatus() => status;
    }
}
