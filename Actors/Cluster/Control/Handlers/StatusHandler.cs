using System.Globalization;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary><c>status</c>: this node's status (what <c>cluster show</c> lists) as a line of text and as data (a <see cref="NodeStatus"/>).</summary>
public sealed class StatusHandler(INodeStatusProvider status) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.Status];

    public Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var s = status.GetStatus();
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Node}: roles {string.Join(',', s.Roles)}; {s.Sites.Count} site(s), {s.Queues.Count} queue(s) [{string.Join(", ", s.Queues)}]; {s.InFlight} in flight;{(s.Quiet ? " quiet;" : s.QuietQueues > 0 ? $" {s.QuietQueues} queue(s) quiet;" : null)} working set {s.WorkingSetBytes / (1024 * 1024)} MB, GC heap {s.GcHeapBytes / (1024 * 1024)} MB; up {s.Uptime:d\\.hh\\:mm\\:ss}; version {s.Version}{(s.StatusPage is null ? null : "; status page " + s.StatusPage)}");
        return Task.FromResult(ControlReply.Ok(text, s));
    }
}
