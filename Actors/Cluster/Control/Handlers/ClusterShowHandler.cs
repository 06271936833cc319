using System.Globalization;
using System.Text;
using Akka.Actor;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary>
/// <c>cluster show</c>: the members as a table, and as data (an array of members). The members and their states are
/// Akka's as this node sees them (<see cref="AkkaMembers"/>: up, joining, leaving, exiting, unreachable, down), each
/// with the status its node gives when asked (<see cref="GetNodeStatus"/>: sites, queues, in-flight events, memory,
/// uptime, version). A member that does not answer within <paramref name="askTimeout"/> (unreachable, stopping) is
/// listed with its state alone.
/// </summary>
public sealed class ClusterShowHandler(ActorSystem system, TimeSpan askTimeout) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ClusterShow];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await RowsAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{rows.Count} member(s), as seen by {request.Node}")
            .AppendLine(CultureInfo.InvariantCulture, $"{"NODE",-24} {"STATE",-12} {"ROLES",-14} {"SITES",5} {"QUEUES",6} {"IN-FLIGHT",9} {"MEMORY",9} {"UPTIME",-12} {"VERSION",-10} ADDRESS");
        foreach (var row in rows)
        {
            var s = row.Status;
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Node,-24} {row.State,-12} {string.Join(',', row.Roles),-14} {s?.Sites.Count,5} {s?.Queues.Count,6} {s?.InFlight,9} {(s is null ? null : Megabytes(s.WorkingSetBytes)),9} {(s is null ? null : Uptime(s.Uptime)),-12} {s?.Version,-10} {row.Address}");
        }

        var data = rows.Select(row => new
        {
            node = row.Node,
            state = row.State,
            address = row.Address,
            roles = row.Roles,
            sites = row.Status?.Sites ?? [],
            queues = row.Status?.Queues ?? [],
            inFlight = row.Status?.InFlight,
            workingSetBytes = row.Status?.WorkingSetBytes,
            gcHeapBytes = row.Status?.GcHeapBytes,
            uptime = row.Status?.Uptime,
            version = row.Status?.Version,
        }).ToList();
        return ControlReply.Ok(text.ToString().TrimEnd(), data);
    }

    private async Task<List<Row>> RowsAsync(CancellationToken cancellationToken)
    {
        var members = AkkaMembers.View(system) ?? [];
        var statuses = await Task.WhenAll(members.Select(m => AskStatusAsync(m, cancellationToken))).ConfigureAwait(false);
        return [.. members.Zip(statuses, (m, s) => new Row(s?.Node ?? m.Address, m.State, m.Roles, m.Address, s)).OrderBy(r => r.Node, StringComparer.Ordinal)];
    }

    private async Task<NodeStatus?> AskStatusAsync(AkkaMember member, CancellationToken cancellationToken)
    {
        if (member.State is AkkaMember.Unreachable or AkkaMember.Down or AkkaMember.Removed)
        {
            return null;
        }

        try
        {
            var report = await system.ActorSelection(member.Address + "/user/control").Ask<NodeStatusReport>(GetNodeStatus.Instance, askTimeout, cancellationToken).ConfigureAwait(false);
            return report.Read();
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0}M");

    private static string Uptime(TimeSpan uptime) => uptime.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)uptime.TotalDays}d{uptime.Hours:00}h{uptime.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{uptime.Hours:00}h{uptime.Minutes:00}m{uptime.Seconds:00}s");

    private sealed record Row(string Node, string State, IReadOnlyList<string> Roles, string Address, NodeStatus? Status);
}
