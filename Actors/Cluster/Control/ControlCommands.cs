using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The commands of the control channel: names, argument shapes (<see cref="ControlArguments"/>) and reply modes.
/// Only <see cref="ClusterShow"/> and <see cref="ActorTree"/> are served by built-in handlers; the node plugs the
/// others in through <see cref="IControlCommandHandler"/>.
/// </summary>
public static class ControlCommands
{
    /// <summary>The membership view: no arguments.</summary>
    public const string ClusterShow = "cluster show";

    /// <summary>Every node's status (roles, sites, queues, in-flight, memory, uptime, version): no arguments; every node answers.</summary>
    public const string Status = "status";

    /// <summary>The known sites: no arguments; the seed answers.</summary>
    public const string SiteList = "site list";

    /// <summary>One site's definition: <c>site</c>; the seed answers.</summary>
    public const string SiteShow = "site show";

    /// <summary>Register a new site: <c>definition</c> (a SiteDefinition's JSON); the seed answers and then tells every node.</summary>
    public const string SiteAdd = "site add";

    /// <summary>Change a site's settings: <c>definition</c> (the whole new SiteDefinition's JSON); the seed answers and then tells every node.</summary>
    public const string SiteSet = "site set";

    /// <summary>Remove a site: <c>site</c>; the seed answers and then tells every node.</summary>
    public const string SiteRemove = "site remove";

    /// <summary>Reload one site's configuration (StatusNet's <c>update:&lt;site&gt;</c>): <c>site</c>; every node answers.</summary>
    public const string SiteUpdate = "site update";

    /// <summary>The wire prefix of the StatusNet form <c>update:&lt;site&gt;</c>, accepted as <see cref="SiteUpdate"/>.</summary>
    public const string UpdatePrefix = "update:";

    /// <summary>Stop gracefully: no arguments; the targeted node, or every node.</summary>
    public const string NodeShutdown = "node shutdown";

    /// <summary>Restart gracefully: no arguments; the targeted node, or every node.</summary>
    public const string NodeRestart = "node restart";

    /// <summary>The queues a node processes and their backlog: optional <c>site</c>; every node answers.</summary>
    public const string QueueList = "queue list";

    /// <summary>Stop taking new events from a queue: <c>queue</c>, optional <c>site</c>; every node answers ("not served" where it does not run).</summary>
    public const string QueuePause = "queue pause";

    /// <summary>Take events from a paused queue again: <c>queue</c>, optional <c>site</c>; every node answers ("not served" where it does not run).</summary>
    public const string QueueResume = "queue resume";

    /// <summary>Quiet mode for one queue (stop fetching, finish in flight): <c>queue</c>, optional <c>site</c>; every node answers, or the targeted one.</summary>
    public const string QueueQuiet = "queue quiet";

    /// <summary>End the quiet mode of one queue (not a pause: that is <see cref="QueueResume"/>): <c>queue</c>, optional <c>site</c>.</summary>
    public const string QueueUnquiet = "queue unquiet";

    /// <summary>Quiet mode for the whole node (every queue stops fetching, the node stays up): no arguments; the targeted node, or every node.</summary>
    public const string NodeQuiet = "node quiet";

    /// <summary>End quiet mode on the node (its own and its queues'; pauses stay): no arguments; the targeted node, or every node.</summary>
    public const string NodeResume = "node resume";

    /// <summary>Drop a queue's waiting events (a broker operation, done once): <c>queue</c>, optional <c>site</c>.</summary>
    public const string QueuePurge = "queue purge";

    /// <summary>The events held until their time: optional <c>queue</c>, <c>site</c>; every node answers from its database.</summary>
    public const string ScheduledList = "scheduled list";

    /// <summary>Drop one held event before its time: <c>id</c> (its message id); the node whose database holds it answers, the others "not served".</summary>
    public const string ScheduledCancel = "scheduled cancel";

    /// <summary>The dead letters: optional <c>site</c>, <c>queue</c>; the seed answers.</summary>
    public const string DeadList = "dead list";

    /// <summary>One dead letter in full: <c>id</c>; the seed answers.</summary>
    public const string DeadShow = "dead show";

    /// <summary>Publish dead letters again: <c>id</c>, or <c>all</c>=true with optional <c>queue</c>; the seed answers.</summary>
    public const string DeadReplay = "dead replay";

    /// <summary>Delete dead letters: optional <c>older-than</c> (a duration); the seed answers.</summary>
    public const string DeadPurge = "dead purge";

    /// <summary>The actor tree of the targeted node: no arguments, target a node.</summary>
    public const string ActorTree = "actor tree";

    /// <summary>Every command the CLI knows, in the order <c>help</c> lists them.</summary>
    public static IReadOnlyList<ControlCommand> All { get; } =
    [
        new(ClusterShow, ReplyMode.First, null, "", "the members the cluster sees: state, roles, sites, queues, load, version"),
        new(Status, ReplyMode.All, null, "", "every node reports its status"),
        new(SiteList, ReplyMode.First, NodeSettings.SeedRole, "[--source config|registry] [--limit N]", "the known sites (of one source; the first N by name)"),
        new(SiteShow, ReplyMode.First, NodeSettings.SeedRole, "<site>", "one site's settings"),
        new(SiteAdd, ReplyMode.First, NodeSettings.SeedRole, "<site> [--queue Q]… [--breakout Q]… [--concurrency Q=N]… [--xmpp JID] [--disabled]", "register a site; every node starts it"),
        new(SiteUpdate, ReplyMode.All, null, "<site> [the options of site add]", "change a site's settings (with options) and reload it on every node"),
        new(SiteRemove, ReplyMode.First, NodeSettings.SeedRole, "<site>", "remove a site; every node stops it"),
        new(QueueList, ReplyMode.All, null, "[--site S]", "the queues each node processes"),
        new(QueuePause, ReplyMode.All, null, "<queue> [--site S]", "stop taking events from a queue"),
        new(QueueResume, ReplyMode.All, null, "<queue> [--site S]", "take events from a paused queue again"),
        new(QueueQuiet, ReplyMode.All, null, "<queue> [--site S] [--node N]", "quiet a queue: stop fetching, finish in flight"),
        new(QueueUnquiet, ReplyMode.All, null, "<queue> [--site S] [--node N]", "end a queue's quiet mode"),
        new(QueuePurge, ReplyMode.First, null, "<queue> [--site S]", "drop a queue's waiting events"),
        new(ScheduledList, ReplyMode.All, null, "[--queue Q] [--site S]", "the events held until their time (delayed, scheduled)"),
        new(ScheduledCancel, ReplyMode.All, null, "<message-id>", "drop a held event before its time"),
        new(DeadList, ReplyMode.First, NodeSettings.SeedRole, "[--site S] [--queue Q]", "list dead letters"),
        new(DeadShow, ReplyMode.First, NodeSettings.SeedRole, "<id>", "show one dead letter"),
        new(DeadReplay, ReplyMode.First, NodeSettings.SeedRole, "<id> | --all [--queue Q]", "publish dead letters again"),
        new(DeadPurge, ReplyMode.First, NodeSettings.SeedRole, "[--older-than 7d]", "delete dead letters"),
        new(NodeShutdown, ReplyMode.All, null, "[<node>]", "stop a node (or every node) gracefully"),
        new(NodeRestart, ReplyMode.All, null, "[<node>]", "restart a node (or every node) gracefully"),
        new(NodeQuiet, ReplyMode.All, null, "[<node>]", "quiet a node (or every node): stop fetching, stay up"),
        new(NodeResume, ReplyMode.All, null, "[<node>]", "end a node's quiet mode"),
        new(ActorTree, ReplyMode.First, null, "<node>", "a node's actor tree"),
    ];

    /// <summary>The catalogue entry of <paramref name="name"/>, or null for a command outside it (an application's own).</summary>
    public static ControlCommand? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// Turns the wire form <c>update:&lt;site&gt;</c> into <see cref="SiteUpdate"/> with its site argument; other
    /// commands are returned as they are.
    /// </summary>
    public static (string Command, IReadOnlyDictionary<string, string> Arguments) Normalize(string command, IReadOnlyDictionary<string, string>? arguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        var args = arguments ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (command.StartsWith(UpdatePrefix, StringComparison.Ordinal) && command.Length > UpdatePrefix.Length)
        {
            return (SiteUpdate, new Dictionary<string, string>(args, StringComparer.Ordinal) { [ControlArguments.Site] = command[UpdatePrefix.Length..] });
        }

        return (command, args);
    }
}
