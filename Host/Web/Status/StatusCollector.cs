using System.Collections.Concurrent;
using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Web.Status;

/// <summary>
/// Gathers a <see cref="StatusSnapshot"/> the way <c>ctl</c> does: the node's own control client
/// (<see cref="NodeRuntime.Client"/>) asks the cluster <c>cluster show</c>, <c>queue list</c> (every node),
/// <c>site list</c> and <c>dead list</c> (the seed); each queue's depth and consumers come with <c>queue list</c>'s stats
/// (its node asked the transport), or from this node's transport when a row has none.
/// Without a control client (starting, stopping, no cluster secret) it shows this node's own queues. Rates are
/// <see cref="StatusFeed"/>'s. Called by one loop at a time (the feed's).
/// </summary>
public sealed class StatusCollector(NodeRuntime runtime, ITransport transport, string node, RetryBackoff? retryBackoff = null)
{
    /// <summary>How many dead letters a snapshot lists (the oldest first, as <c>dead list</c>).</summary>
    public const int DeadLettersShown = 100;

    /// <summary>What the page says about retries on a transport that does not count them (in-memory).</summary>
    public const string RetriesNotReported = "not reported by this transport; a retry waiting for its delay shows in the depth once it is due";

    /// <summary>What the page says about retries on the SQL transport: its queues count them (rows not yet visible again).</summary>
    public const string RetriesPerQueue = "per queue, in the Retries waiting column (failed events whose retry delay has not run out)";

    /// <summary>How often RabbitMQ's delay queues are counted: a passive declare per possible bucket.</summary>
    private static readonly TimeSpan DelayQueuesEvery = TimeSpan.FromSeconds(10);

    private string retriesWaiting = RetriesNotReported;
    private DateTimeOffset retriesAt = DateTimeOffset.MinValue; // the feed's loop only

    /// <summary>How many sites a snapshot lists (the first by name, <c>site list --limit</c>): a cluster may serve thousands.</summary>
    public const int SitesShown = 200;

    /// <summary>The patience for each question: the snapshot comes every second, a slow node must not stall it.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often the dead letters are asked again: <c>dead list</c> carries whole records (payloads, stack traces), too much for every second.</summary>
    private static readonly TimeSpan DeadLettersEvery = TimeSpan.FromSeconds(5);

    private DeadLetterSummary deadLetters = new(null, []);
    private DateTimeOffset deadLettersAt = DateTimeOffset.MinValue; // the feed's loop only
    private int deadLettersChanged; // 1: a button changed them (set by requests, taken by the loop)

    public async Task<StatusSnapshot> CollectAsync(CancellationToken cancellationToken)
    {
        var problems = new ConcurrentQueue<string>();
        var client = runtime.Client;
        if (client is null)
        {
            problems.Enqueue("no control channel (the node is starting or stopping, or has no cluster secret): this node's queues only");
        }

        var members = DataAsync(client, ControlCommands.ClusterShow, problems, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var siteList = DataAsync(client, SitesCall, problems, cancellationToken);
        var changed = Interlocked.Exchange(ref deadLettersChanged, 0) == 1;
        var dead = changed || now - deadLettersAt >= DeadLettersEvery ? DataAsync(client, ControlCommands.DeadList, problems, cancellationToken) : null;
        var queues = QueuesAsync(client, problems, cancellationToken);
        await Task.WhenAll(members, siteList, dead ?? Task.FromResult<JsonElement?>(null), queues).ConfigureAwait(false);
        if (dead is not null)
        {
            deadLetters = DeadLetters(await dead);
            deadLettersAt = now;
        }

        var sites = await siteList;
        return new StatusSnapshot(now, node, await members, await queues, sites?.GetProperty("sites"), sites?.GetProperty("total").GetInt32(), deadLetters, [], await RetriesWaitingAsync(now, problems, cancellationToken), [.. problems]);
    }

    /// <summary>
    /// The retries line: on the SQL transport a pointer to the per-queue column; on RabbitMQ the total waiting in the
    /// delay queues (<c>qa.delay.*</c>) a retry of the configured backoff can use, shared by every queue, counted every
    /// <see cref="DelayQueuesEvery"/>.
    /// </summary>
    private async Task<string> RetriesWaitingAsync(DateTimeOffset now, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        switch (transport)
        {
            case Actors.Transport.Sql.SqlTransport:
                return RetriesPerQueue;
            case Actors.Transport.RabbitMq.RabbitMqTransport rabbit when retryBackoff is { } backoff && now - retriesAt >= DelayQueuesEvery:
                try
                {
                    var total = await rabbit.CountDelayedAsync(backoff.Min * (1 - backoff.Jitter), backoff.Max * (1 + backoff.Jitter), cancellationToken).ConfigureAwait(false);
                    retriesWaiting = total is { } n
                        ? $"{n} in RabbitMQ's delay queues (qa.delay.*): a total over every queue, as the delay queues are shared; counted every {DelayQueuesEvery.TotalSeconds:0} s"
                        : "not known: no broker server is up";
                    retriesAt = now;
                }
                catch (Exception error) when (error is TransportException or ObjectDisposedException)
                {
                    problems.Enqueue($"retries waiting: {error.Message}");
                }

                return retriesWaiting;
            default:
                return retriesWaiting;
        }
    }

    /// <summary>Asks the dead letters again with the next snapshot (a button changed them).</summary>
    public void DeadLettersChanged() => Interlocked.Exchange(ref deadLettersChanged, 1);

    private static ControlCall SitesCall { get; } = new(ControlCommands.SiteList)
    {
        Timeout = AskTimeout,
        Arguments = new Dictionary<string, string> { [ControlArguments.Limit] = SitesShown.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static Task<JsonElement?> DataAsync(ControlClient? client, string command, ConcurrentQueue<string> problems, CancellationToken cancellationToken) =>
        DataAsync(client, new ControlCall(command) { Timeout = AskTimeout }, problems, cancellationToken);

    private static async Task<JsonElement?> DataAsync(ControlClient? client, ControlCall call, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var replies = await AskAsync(client, call, problems, cancellationToken).ConfigureAwait(false);
        return replies?.FirstOrDefault()?.Data;
    }

    /// <summary>The served, successful replies; null (and a problem told) when none came.</summary>
    private static async Task<IReadOnlyList<ControlReply>?> AskAsync(ControlClient? client, ControlCall call, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return null;
        }

        try
        {
            var result = await client.SendAsync(call, cancellationToken).ConfigureAwait(false);
            var ok = result.Served.Where(r => r.Reply.IsOk).Select(r => r.Reply).ToArray();
            if (ok.Length == 0)
            {
                problems.Enqueue($"{call.Command}: " + (result.Served.FirstOrDefault()?.Reply.Text ?? $"no node answered within {AskTimeout.TotalSeconds:0} s"));
                return null;
            }

            return ok;
        }
        catch (Exception error) when (error is TransportException or ObjectDisposedException)
        {
            problems.Enqueue($"{call.Command}: {error.Message}");
            return null;
        }
    }

    private async Task<IReadOnlyList<QueueRow>> QueuesAsync(ControlClient? client, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        IEnumerable<QueueProcessingStatus> running;
        if (client is null)
        {
            running = runtime.Processing?.GetStatus().Queues ?? [];
        }
        else
        {
            var replies = await AskAsync(client, new ControlCall(ControlCommands.QueueList) { Timeout = AskTimeout }, problems, cancellationToken).ConfigureAwait(false) ?? [];
            running = replies.Where(r => r.Data is not null).SelectMany(r => r.Data!.Value.Deserialize<QueueProcessingStatus[]>(ControlWire.Json) ?? []);
        }

        var rows = running.GroupBy(q => q.BrokerQueue, StringComparer.Ordinal).Select(async g =>
        {
            // queue list's stats carry the depth and consumers its node just asked the transport for: ask only without them.
            var known = g.Select(q => q.Stats).FirstOrDefault(s => s?.Depth is not null);
            var broker = known is not null
                ? new QueueStatus(g.Key, known.Depth!.Value, known.Consumers ?? 0)
                : await BrokerStatusAsync(g.Key, problems, cancellationToken).ConfigureAwait(false);
            var first = g.First();
            return new QueueRow(
                g.Key, first.Queue, first.Site, broker?.MessagesReady, broker?.Consumers, g.Count(), g.Count(q => q.Paused), g.Count(q => q.CircuitOpen),
                g.Sum(q => q.InFlight), g.Sum(q => q.Handled), g.Sum(q => q.Failed), g.Sum(q => q.DeadLettered), 0, 0)
            {
                QuietNodes = g.Count(q => q.Quiet),
                Scheduled = g.Select(q => q.Stats?.Scheduled).FirstOrDefault(n => n is not null), // one database: every node reports the same
                NextScheduledAt = g.Select(q => q.Stats?.NextScheduledAt).FirstOrDefault(n => n is not null),
                RetriesWaiting = g.Select(q => q.Stats?.RetriesWaiting).FirstOrDefault(n => n is not null),
            };
        });
        return [.. (await Task.WhenAll(rows).ConfigureAwait(false)).OrderBy(r => r.BrokerQueue, StringComparer.Ordinal)];
    }

    private async Task<QueueStatus?> BrokerStatusAsync(string brokerQueue, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.GetStatusAsync(brokerQueue, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TransportException or ObjectDisposedException)
        {
            problems.Enqueue($"depth of {brokerQueue}: {error.Message}");
            return null;
        }
    }

    private static DeadLetterSummary DeadLetters(JsonElement? data)
    {
        if (data?.Deserialize<DeadLetterList>(ControlWire.Json) is not { } list)
        {
            return new DeadLetterSummary(null, []);
        }

        var rows = list.Entries.Take(DeadLettersShown).Select(e => new DeadLetterRow(
            e.Id, e.Record.Site, e.Record.Queue, e.Record.Attempts, e.Record.Reason.ToString(), e.Record.LastFailureAt, e.ReplayCount,
            e.Record.ExceptionType is null ? null : $"{e.Record.ExceptionType}: {e.Record.ExceptionMessage}"));
        return new DeadLetterSummary(list.Total, [.. rows]);
    }
}
