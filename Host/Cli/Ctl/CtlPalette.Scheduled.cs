using System.CommandLine;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>The <c>scheduled</c> group: events published with a delay or a time, held until then.</summary>
public sealed partial class CtlPalette
{
    private Command ScheduledCommands()
    {
        var queue = new Option<string?>("--queue", "-q") { Description = "Only this logical queue's events" };
        var site = new Option<string?>("--site", "-s") { Description = "Only this site's events" };
        var id = new Argument<string>("message-id") { Description = "The event's message id (what the publish returned)" };
        return Group(
            "scheduled",
            "Events held until their time (delayed, scheduled)",
            Leaf("list", "The held events, soonest first", p => new ControlCall(ControlCommands.ScheduledList) { Arguments = Args((ControlArguments.Queue, p.GetValue(queue)), (ControlArguments.Site, p.GetValue(site))) }, queue, site),
            Leaf("cancel", "Drop a held event before its time", p => new ControlCall(ControlCommands.ScheduledCancel) { Arguments = Args((ControlArguments.Id, p.GetValue(id))) }, id));
    }
}
