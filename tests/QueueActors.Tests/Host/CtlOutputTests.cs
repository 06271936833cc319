using QueueActors.Actors.Cluster.Control;
using QueueActors.Host.Cli;
using QueueActors.Host.Cli.Ctl;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>The exit code <c>ctl</c> picks when fewer nodes replied than the repliers know are addressed.</summary>
public sealed class CtlOutputTests
{
    [Fact]
    public async Task A_first_reply_command_answered_by_one_of_four_addressed_nodes_is_done()
    {
        var result = new ControlResult([new ControlResponse("n1", ControlReply.Ok("4 member(s)"), Served: true)], TimedOut: false, Expected: 4);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CtlOutput.WriteAsync(new ControlCall(ControlCommands.ClusterShow), result, json: false, output, error);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task A_command_every_node_answers_with_replies_missing_ends_with_no_answer_and_a_warning()
    {
        var result = new ControlResult([new ControlResponse("n1", ControlReply.Ok("0 queue(s)"), Served: true)], TimedOut: true, Expected: 3);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CtlOutput.WriteAsync(new ControlCall(ControlCommands.QueueList), result, json: false, output, error);

        Assert.Equal(ExitCodes.NoAnswer, exitCode);
        Assert.Contains("1 of 3 addressed node(s) answered", error.ToString());
    }
}
