using System.Globalization;
using System.Text;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Scheduling;

namespace QueueActors.Host.Node.Control;

/// <summary>
/// <c>scheduled list|cancel</c>: the events held until their time, in this node's scheduling database. Nodes on one
/// database (PostgreSQL, or one machine's SQLite file) give the same list; a cancel is done by the one node whose
/// delete found the row, the others answer "not served".
/// </summary>
public sealed class ScheduledCommandsHandler(IScheduledEvents scheduled) : IControlCommandHandler
{
    /// <summary>The most events a list shows.</summary>
    public const int ListLimit = 1000;

    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ScheduledList, ControlCommands.ScheduledCancel];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Command == ControlCommands.ScheduledCancel)
        {
            var id = request.RequiredArgument(ControlArguments.Id);
            return await scheduled.CancelAsync(id, cancellationToken).ConfigureAwait(false)
                ? ControlReply.Ok($"scheduled event {id} cancelled", new { MessageId = id, Cancelled = true })
                : throw new ControlNotServedException($"no scheduled event {id} waits in the database of node {request.Node} (unknown, already delivered, or being delivered now)");
        }

        var queue = request.Argument(ControlArguments.Queue);
        var events = (await scheduled.ListAsync(site: request.Argument(ControlArguments.Site), limit: ListLimit, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(e => queue is null || e.Queue == queue)
            .ToArray();
        var text = new StringBuilder($"{events.Length} scheduled event(s)");
        if (events.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{"MESSAGE ID",-32} {"DUE (UTC)",-20} {"SITE",-16} {"QUEUE",-16} BROKER QUEUE");
        }

        foreach (var e in events)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{e.MessageId,-32} {e.DueAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {e.Site,-16} {e.Queue,-16} {e.BrokerQueue}");
        }

        return ControlReply.Ok(text.ToString(), events);
    }
}
