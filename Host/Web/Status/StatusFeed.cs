using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Web.Status;

/// <summary>
/// Takes a snapshot every <see cref="Interval"/> while someone looks (a page follows, or <c>/api/status</c> was asked
/// within <see cref="WatchedFor"/>), else every <see cref="UnwatchedInterval"/>; works out the rates from the counters
/// of the one before, and keeps the last <see cref="HistoryLength"/> of rates on the server, so a page opened now draws
/// its chart at once. Pages follow it through <see cref="FollowAsync"/> (server-sent events).
/// </summary>
public sealed class StatusFeed(StatusCollector collector, IHostApplicationLifetime lifetime, ILogger<StatusFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The pace while nobody looks: a snapshot asks every node for its queues, and each node the broker for each queue's
    /// depth, which with a thousand broken-out queues is most of an idle node's work.
    /// </summary>
    public static readonly TimeSpan UnwatchedInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long an <c>/api/status</c> request keeps the pace at <see cref="Interval"/>.</summary>
    public static readonly TimeSpan WatchedFor = TimeSpan.FromSeconds(30);

    /// <summary>How far back the chart goes.</summary>
    public static readonly TimeSpan HistoryLength = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly Queue<RatePoint> history = new();
    private TaskCompletionSource<StatusSnapshot> next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StatusSnapshot? previous;
    private int followers;
    private long watchedUntil; // Environment.TickCount64

    /// <summary>Someone asked for the status (<c>/api/status</c>): snapshots come every <see cref="Interval"/> for a while.</summary>
    public void Watched() => Volatile.Write(ref watchedUntil, Environment.TickCount64 + (long)WatchedFor.TotalMilliseconds);

    private bool IsWatched => Volatile.Read(ref followers) > 0 || Environment.TickCount64 < Volatile.Read(ref watchedUntil);

    /// <summary>The latest snapshot; null before the first.</summary>
    public StatusSnapshot? Latest { get; private set; }

    /// <summary>
    /// The latest snapshot (when there is one) and then each new one, until <paramref name="cancellationToken"/> or until
    /// the page's application stops: an open page must not hold the node's stop until Kestrel's shutdown timeout.
    /// </summary>
    public async IAsyncEnumerable<StatusSnapshot> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        Task<StatusSnapshot> coming;
        StatusSnapshot? latest;
        lock (gate)
        {
            coming = next.Task;
            latest = Latest;
        }

        Interlocked.Increment(ref followers);
        try
        {
            if (latest is not null)
            {
                yield return latest;
            }

            while (await NextAsync(coming, following.Token).ConfigureAwait(false) is { } snapshot)
            {
                lock (gate)
                {
                    coming = next.Task;
                }

                yield return snapshot;
            }
        }
        finally
        {
            Interlocked.Decrement(ref followers);
        }
    }

    /// <summary>The coming snapshot, or null once the follower or the application stops.</summary>
    private static async Task<StatusSnapshot?> NextAsync(Task<StatusSnapshot> coming, CancellationToken cancellationToken)
    {
        try
        {
            return await coming.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var takenAt = long.MinValue / 2; // Environment.TickCount64 of the last snapshot
        try
        {
            do
            {
                if (!IsWatched && Environment.TickCount64 - takenAt < (long)UnwatchedInterval.TotalMilliseconds)
                {
                    continue;
                }

                takenAt = Environment.TickCount64;
                try
                {
                    Publish(WithRates(await collector.CollectAsync(stoppingToken).ConfigureAwait(false)));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    WebLog.SnapshotFailed(logger, error); // the next tick tries again
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Each queue's rates since the previous snapshot (counters that went back, a node restarted: 0), and the cluster's in the history.</summary>
    private StatusSnapshot WithRates(StatusSnapshot snapshot)
    {
        var before = previous;
        previous = snapshot;
        if (before is null)
        {
            return snapshot with { Rates = [.. history] };
        }

        var seconds = Math.Max((snapshot.At - before.At).TotalSeconds, 0.001);
        var earlier = before.Queues.ToDictionary(q => q.BrokerQueue, StringComparer.Ordinal);
        var queues = snapshot.Queues.Select(q => earlier.TryGetValue(q.BrokerQueue, out var e)
            ? q with { HandledPerSecond = Math.Max(q.Handled - e.Handled, 0) / seconds, FailedPerSecond = Math.Max(q.Failed - e.Failed, 0) / seconds }
            : q).ToArray();
        history.Enqueue(new RatePoint(snapshot.At.ToUnixTimeMilliseconds(), queues.Sum(q => q.HandledPerSecond), queues.Sum(q => q.FailedPerSecond)));
        var oldest = (snapshot.At - HistoryLength).ToUnixTimeMilliseconds();
        while (history.Peek().At < oldest)
        {
            history.Dequeue();
        }

        return snapshot with { Queues = queues, Rates = [.. history] };
    }

    private void Publish(StatusSnapshot snapshot)
    {
        TaskCompletionSource<StatusSnapshot> waiting;
        lock (gate)
        {
            Latest = snapshot;
            waiting = next;
            next = new TaskCompletionSource<StatusSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        waiting.SetResult(snapshot);
    }
}
