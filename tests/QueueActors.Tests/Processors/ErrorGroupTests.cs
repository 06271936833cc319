using QueueActors.Processors.ErrorReports;
using Xunit;

namespace QueueActors.Tests.Processors;

public sealed class ErrorGroupTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Errors_group_by_type_message_and_top_frame_whatever_the_file_and_line()
    {
        const string Here = "   at App.Mail.Send(String to) in /build/a/Mail.cs:line 12\n   at App.Worker.Run()";
        const string Rebuilt = "   at App.Mail.Send(String to) in /build/b/Mail.cs:line 14\n   at App.Other.Call()";
        const string Elsewhere = "   at App.Billing.Charge()";
        ErrorReportEvent[] errors =
        [
            new("System.IO.IOException", "disk full", Here, At.AddSeconds(5), "node-1"),
            new("System.IO.IOException", "disk full", Rebuilt, At, "node-2"),
            new("System.IO.IOException", "disk full", Elsewhere, At),
            new("System.IO.IOException", "disk quota", Here, At),
            new("System.IO.IOException", "disk full", Here, At.AddSeconds(9), "node-1"),
        ];

        var groups = ErrorGroup.Group(errors);

        Assert.Equal(3, groups.Count);
        var first = groups[0];
        Assert.Equal(("disk full", "at App.Mail.Send(String to)", 3, At, At.AddSeconds(9)), (first.Message, first.TopFrame, first.Count, first.FirstSeen, first.LastSeen));
        Assert.Equal(["node-1", "node-2"], first.Sources);
        Assert.Equal(("disk full", "at App.Billing.Charge()", 1), (groups[1].Message, groups[1].TopFrame, groups[1].Count));
        Assert.Equal(("disk quota", 1), (groups[2].Message, groups[2].Count));
    }

    [Fact]
    public void An_error_without_a_stack_trace_groups_by_type_and_message()
    {
        var groups = ErrorGroup.Group([new("E", "m", null, At), new("E", "m", "", At.AddSeconds(1))]);

        Assert.Equal((null, 2), (Assert.Single(groups).TopFrame, groups[0].Count));
    }
}
