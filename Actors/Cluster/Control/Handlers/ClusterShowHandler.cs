using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Akka.Actor;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary>
/// <c>cluster show</c>: the members as a table, and as data (an array of members). The members and their states are
/// Akka's as this node sees them (<see cref="AkkaMembers"/>: up, joining, leaving, exiting, unreachable, down), each
/// with the status its node gives when asked (<see cref="GetNodeStatus"/>: sites, queues, quiet mode, in-flight events, memory,
/// uptime, version). A member that does not answer within <paramref name="askTimeout"/> (unreachable, stopping) is
/// listed with the status it last gave; a node that Akka no longer holds is listed as removed for
/// <see cref="RemovedKeptFor"/> after it last answered, so an operator sees where it went.
/// </summary>
public sealed class ClusterShowHandler(ActorSystem system, TimeSpan askTimeout) : IControlCommandHandler
{
    /// <summary>How long a removed node stays in the table.</summary>
    public static readonly TimeSpan RemovedKeptFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (NodeStatus Status, DateTimeOffset At)> lastKnown = new(StringComparer.Ordinal); // by Akka address

    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ClusterShow];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await RowsAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{rows.Count} member(s), as seen by {request.Node}")
            .AppendLine(CultureInfo.InvariantCulture, $"{"NODE",-24} {"STATE",-12} {"ROLES",-14} {"SITES",5} {"QUEUES",6} {"QUIET",5} {"IN-FLIGHT",9} {"MEMORY",9} {"UPTIME",-12} {"VERSION",-10} ADDRESS");
        foreach (var row in rows)
        {
            var s = row.Status;
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Node,-24} {row.State,-12} {string.Join(',', row.Roles),-14} {s?.Sites.Count,5} {s?.Queues.Count,6} {Quiet(s),5} {s?.InFlight,9} {(s is null ? null : Megabytes(s.WorkingSetBytes)),9} {(s is null ? null : Uptime(s.Uptime)),-12} {s?.Version,-10} {row.Address}");
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
            quiet = row.Status?.Quiet,
            quietQueues = row.Status?.QuietQueues,
            workingSetBytes = row.Status?.WorkingSetBytes,
            gcHeapBytes = row.Status?.GcHeapBytes,
            uptime = row.Status?.Uptime,
            version = row.Status?.Version,
            statusPage = row.Status?.StatusPage,
        }).ToList();
        return ControlReply.Ok(text.ToString().TrimEnd(), data);
    }

    /// <summary>
    /// Asks a member that has just come up for its status (a few times: its control actor may not be up yet), so that
    /// it is listed by name as removed even when it dies before anyone asked this node for <c>cluster show</c>.
    /// </summary>
    public async Task LearnAsync(AkkaMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        for (var attempt = 0; attempt < 3 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            if (await AskStatusAsync(member, cancellationToken).ConfigureAwait(false) is { Address: not null } status)
            {
                lastKnown[status.Address] = (status, DateTimeOffset.UtcNow);
                return;
            }
        }
    }

    private async Task<List<Row>> RowsAsync(CancellationToken cancellationToken)
    {
        var members = AkkaMembers.View(system) ?? [];
        var answers = await Task.WhenAll(members.Select(m => AskStatusAsync(m, cancellationToken))).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        foreach (var status in answers.OfType<NodeStatus>().Where(s => s.Address is not null))
        {
            lastKnown[status.Address!] = (status, now);
        }

        var rows = members.Select(m => RowOf(m.Address, m.State, m.Roles)).ToList();
        var inCluster = members.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var (address, known) in lastKnown)
        {
            if (now - known.At > RemovedKeptFor)
            {
                lastKnown.TryRemove(address, out _);
            }
            else if (!inCluster.Contains(address) && rows.All(r => r.Node != known.Status.Node))
            {
                rows.Add(RowOf(address, AkkaMember.Removed, known.Status.Roles));
            }
        }

        return [.. rows.OrderBy(r => r.Node, StringComparer.Ordinal)];
    }

    private Row RowOf(string address, string state, IReadOnlyList<string> roles)
    {
        var status = lastKnown.TryGetValue(address, out var known) ? known.Status : null;
        return new Row(status?.Node ?? address, state, roles, address, status);
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

    /// <summary>"node" for a quiet node, the number of its quiet queues when only some are, else "-".</summary>
    private static string? Quiet(NodeStatus? status) => status switch
    {
        null => null,
        { Quiet: true } => "node",
        { QuietQueues: > 0 } => status.QuietQueues.ToString(CultureInfo.InvariantCulture),
        _ => "-",
    };

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0}M");

    private static string Uptime(TimeSpan uptime) => uptime.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)uptime.TotalDays}d{uptime.Hours:00}h{uptime.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{uptime.Hours:00}h{uptime.Minutes:00}m{uptime.Seconds:00}s");

    private sealed record Row(string Node, string State, IReadOnlyList<string> Roles, string Address, NodeStatus? Status);
}
