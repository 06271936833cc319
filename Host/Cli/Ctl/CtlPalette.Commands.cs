using System.CommandLine;
using System.Globalization;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>The site, queue, dead-letter and node command groups.</summary>
public sealed partial class CtlPalette
{
    private Command SiteCommands()
    {
        Argument<string> Site() => new("site") { Description = "The site's name" };
        var show = Site();
        var remove = Site();
        var add = new SiteOptions(Site());
        var update = new SiteOptions(Site());
        var limit = new Option<int?>("--limit") { Description = "Only the first N sites, by name" };
        var source = new Option<string?>("--source") { Description = "Only the sites declared in the configuration (config) or added at run time (registry)" };
        source.AcceptOnlyFromAmong("config", "registry");
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--limit takes a whole number of at least 1");
            }
        });
        return Group(
            "site",
            "Sites",
            Leaf("list", "The known sites", p => new ControlCall(ControlCommands.SiteList) { Arguments = Args((ControlArguments.Source, p.GetValue(source)), (ControlArguments.Limit, p.GetValue(limit)?.ToString(CultureInfo.InvariantCulture))) }, source, limit),
            Leaf("show", "One site's settings", p => new ControlCall(ControlCommands.SiteShow) { Arguments = Args((ControlArguments.Site, p.GetValue(show))) }, show),
            Leaf("add", "Register a site; every node starts it", p => add.Call(p, ControlCommands.SiteAdd), add.Symbols),
            Leaf("update", "Change a site's settings (with options); reload it on every node (update:<site>)", p => update.Given(p) ? update.Call(p, ControlCommands.SiteSet) : update.Reload(p), update.Symbols),
            Leaf("remove", "Remove a site; every node stops it", p => new ControlCall(ControlCommands.SiteRemove) { Arguments = Args((ControlArguments.Site, p.GetValue(remove))) }, remove));
    }

    private Command QueueCommands()
    {
        var site = new Option<string?>("--site", "-s") { Description = "Only this site's queue" };
        var listSite = new Option<string?>("--site", "-s") { Description = "Only this site's queues" };
        Command OnQueue(string name, string command, string description)
        {
            var queue = new Argument<string>("queue") { Description = "The logical queue" };
            return Leaf(name, description, p => new ControlCall(command) { Arguments = Args((ControlArguments.Queue, p.GetValue(queue)), (ControlArguments.Site, p.GetValue(site))) }, queue, site);
        }

        // Quiet mode is a node's state: --node sends the command to that node only.
        Command OnQueueOfNode(string name, string command, string description)
        {
            var queue = new Argument<string>("queue") { Description = "The logical queue" };
            var node = new Option<string?>("--node") { Description = "Only on this node (default: every node that runs it)" };
            return Leaf(name, description, p => new ControlCall(command) { TargetNode = p.GetValue(node), Arguments = Args((ControlArguments.Queue, p.GetValue(queue)), (ControlArguments.Site, p.GetValue(site))) }, queue, site, node);
        }

        return Group(
            "queue",
            "Queues",
            Leaf("list", "The queues each node processes", p => new ControlCall(ControlCommands.QueueList) { Arguments = Args((ControlArguments.Site, p.GetValue(listSite))) }, listSite),
            OnQueue("pause", ControlCommands.QueuePause, "Stop taking events from a queue"),
            OnQueue("resume", ControlCommands.QueueResume, "Take events from a paused queue again"),
            OnQueueOfNode("quiet", ControlCommands.QueueQuiet, "Quiet a queue: stop fetching its events, finish those in flight"),
            OnQueueOfNode("unquiet", ControlCommands.QueueUnquiet, "End a queue's quiet mode (a pause stays: queue resume)"),
            OnQueue("purge", ControlCommands.QueuePurge, "Drop a queue's waiting events"));
    }

    private Command DeadCommands()
    {
        var site = new Option<string?>("--site", "-s") { Description = "Only this site's dead letters" };
        var queue = new Option<string?>("--queue", "-q") { Description = "Only this queue's dead letters" };
        var replayQueue = new Option<string?>("--queue", "-q") { Description = "With --all: only this queue's dead letters" };
        var all = new Option<bool>("--all") { Description = "Every dead letter (of --queue if given)" };
        var olderThan = new Option<string?>("--older-than") { Description = "Only those older than this (7d, 12h)" };
        var showId = new Argument<string>("id") { Description = "The dead letter's id" };
        var replayId = new Argument<string?>("id") { Description = "The dead letter's id (or --all)", Arity = ArgumentArity.ZeroOrOne };
        return Group(
            "dead",
            "Dead letters",
            Leaf("list", "List dead letters", p => new ControlCall(ControlCommands.DeadList) { Arguments = Args((ControlArguments.Site, p.GetValue(site)), (ControlArguments.Queue, p.GetValue(queue))) }, site, queue),
            Leaf("show", "Show one dead letter", p => new ControlCall(ControlCommands.DeadShow) { Arguments = Args((ControlArguments.Id, p.GetValue(showId))) }, showId),
            Leaf("replay", "Publish dead letters again: one by id, or --all [--queue Q]", p => Replay(p.GetValue(replayId), p.GetValue(all), p.GetValue(replayQueue)), replayId, all, replayQueue),
            Leaf("purge", "Delete dead letters", p => Purge(p.GetValue(olderThan)), olderThan));
    }

    private Command NodeCommands()
    {
        Command OnNode(string name, string command, string description)
        {
            var node = new Argument<string?>("node") { Description = "The node (default: every node)", Arity = ArgumentArity.ZeroOrOne };
            return Leaf(name, description, p => new ControlCall(command) { TargetNode = p.GetValue(node) }, node);
        }

        return Group(
            "node",
            "Nodes",
            OnNode("shutdown", ControlCommands.NodeShutdown, "Stop a node (or every node) gracefully"),
            OnNode("restart", ControlCommands.NodeRestart, "Restart a node (or every node) gracefully"),
            OnNode("quiet", ControlCommands.NodeQuiet, "Quiet a node (or every node): stop fetching events, finish those in flight, stay up"),
            OnNode("resume", ControlCommands.NodeResume, "End a node's quiet mode (or every node's)"));
    }

    private static ControlCall Replay(string? id, bool all, string? queue)
    {
        if ((id is null) == !all)
        {
            throw new CtlUsageException("dead replay takes either an id or --all");
        }

        if (queue is not null && !all)
        {
            throw new CtlUsageException("dead replay --queue goes with --all");
        }

        return new ControlCall(ControlCommands.DeadReplay)
        {
            Arguments = Args((ControlArguments.Id, id), (ControlArguments.All, all ? "true" : null), (ControlArguments.Queue, queue)),
        };
    }

    private static ControlCall Purge(string? olderThan)
    {
        if (olderThan is not null && !ControlArguments.TryParseDuration(olderThan, out _))
        {
            throw new CtlUsageException($"--older-than takes {ControlArguments.DurationExpected}");
        }

        return new ControlCall(ControlCommands.DeadPurge) { Arguments = Args((ControlArguments.OlderThan, olderThan)) };
    }
}
