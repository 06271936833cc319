using System.Globalization;
using System.Text;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary><c>cluster show</c>: this node's membership view as a table, and as data (an array of members).</summary>
public sealed class ClusterShowHandler(ClusterMembers members) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ClusterShow];

    public Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = members.Snapshot;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{view.Count} member(s), as seen by {request.Node}")
            .AppendLine(CultureInfo.InvariantCulture, $"{"NODE",-24} {"STATE",-12} {"ROLES",-14} {"SITES",5} {"QUEUES",6} {"IN-FLIGHT",9} {"MEMORY",9} {"UPTIME",-12} VERSION");
        foreach (var m in view)
        {
            var s = m.Status;
            text.AppendLine(CultureInfo.InvariantCulture, $"{s.Node,-24} {m.State,-12} {string.Join(',', s.Roles),-14} {s.Sites.Count,5} {s.Queues.Count,6} {s.InFlight,9} {Megabytes(s.WorkingSetBytes),9} {Uptime(s.Uptime),-12} {s.Version}");
        }

        var data = view.Select(m => new
        {
            node = m.Node,
            state = m.State,
            lastHeartbeat = m.LastHeartbeat,
            since = m.Since,
            roles = m.Status.Roles,
            sites = m.Status.Sites,
            queues = m.Status.Queues,
            inFlight = m.Status.InFlight,
            workingSetBytes = m.Status.WorkingSetBytes,
            gcHeapBytes = m.Status.GcHeapBytes,
            uptime = m.Status.Uptime,
            version = m.Status.Version,
        }).ToList();
        return Task.FromResult(ControlReply.Ok(text.ToString().TrimEnd(), data));
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0}M");

    private static string Uptime(TimeSpan uptime) => uptime.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)uptime.TotalDays}d{uptime.Hours:00}h{uptime.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{uptime.Hours:00}h{uptime.Minutes:00}m{uptime.Seconds:00}s");
}
