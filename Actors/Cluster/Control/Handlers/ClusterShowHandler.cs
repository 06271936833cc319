using System.Globalization;
using System.Text;
using Akka.Actor;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary>
/// <c>cluster show</c>: the members as a table, and as data (an array of members). On a cluster member, the members and
/// their states are Akka's (<see cref="AkkaMembers"/>: up, joining, leaving, exiting, unreachable, down), each with the
/// status its node last announced (sites, queues, in-flight events, memory, uptime, version); a node whose status is
/// still announced but that Akka no longer holds is listed as removed. Elsewhere (several nodes' actors in one test
/// system) the heartbeat view alone.
/// </summary>
public sealed class ClusterShowHandler(ClusterMembers members, ActorSystem? system = null) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ClusterShow];

    public Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = Rows();
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
            lastHeartbeat = row.Heard?.LastHeartbeat,
            since = row.Heard?.Since,
            roles = row.Roles,
            sites = row.Status?.Sites ?? [],
            queues = row.Status?.Queues ?? [],
            inFlight = row.Status?.InFlight,
            workingSetBytes = row.Status?.WorkingSetBytes,
            gcHeapBytes = row.Status?.GcHeapBytes,
            uptime = row.Status?.Uptime,
            version = row.Status?.Version,
        }).ToList();
        return Task.FromResult(ControlReply.Ok(text.ToString().TrimEnd(), data));
    }

    private List<Row> Rows()
    {
        var heard = members.Snapshot;
        if (system is null || AkkaMembers.View(system) is not { } akka)
        {
            return [.. heard.Select(m => new Row(m.Node, m.State.ToString().ToLowerInvariant(), m.Status.Roles, null, m))];
        }

        var byAddress = heard.Where(m => m.Status.Address is not null).GroupBy(m => m.Status.Address!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.LastHeartbeat)!, StringComparer.Ordinal);
        var rows = akka.Select(m => new Row(byAddress.GetValueOrDefault(m.Address)?.Node ?? m.Address, m.State, m.Roles, m.Address, byAddress.GetValueOrDefault(m.Address))).ToList();
        var inCluster = akka.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        rows.AddRange(byAddress.Values.Where(m => !inCluster.Contains(m.Status.Address!) && rows.All(r => r.Node != m.Node))
            .Select(m => new Row(m.Node, AkkaMember.Removed, m.Status.Roles, m.Status.Address, m)));
        return [.. rows.OrderBy(r => r.Node, StringComparer.Ordinal)];
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0}M");

    private static string Uptime(TimeSpan uptime) => uptime.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)uptime.TotalDays}d{uptime.Hours:00}h{uptime.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{uptime.Hours:00}h{uptime.Minutes:00}m{uptime.Seconds:00}s");

    private sealed record Row(string Node, string State, IReadOnlyList<string> Roles, string? Address, ClusterMember? Heard)
    {
        public NodeStatus? Status => Heard?.Status;
    }
}
