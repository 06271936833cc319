using QueueActors.Actors.Processing.Stats;
using QueueActors.Actors.Processing.Supervision;

namespace QueueActors.Actors.Processing;

/// <summary>The per-queue stats of the queues running here (<see cref="QueueStats"/>).</summary>
public sealed partial class ProcessingService
{
    /// <summary>The stats of every queue running here, without depth (see <see cref="QueueStatsCollector"/>). Cheap: reads counters.</summary>
    public IReadOnlyList<QueueStats> GetStats()
    {
        var now = _time.GetUtcNow();
        return Volatile.Read(ref _plan).Select(q => StatsOf(q, now)).ToArray();
    }

    /// <summary>The stats files' writer, when <c>queueactors.stats.directory</c> is set.</summary>
    private QueueStatsWriter? StartStatsWriter() =>
        _context.Settings.Stats.Enabled ? QueueStatsWriter.Start(new QueueStatsCollector(this, _transport), _context.Settings.Stats, _time, _logger) : null;

    /// <summary>Writes the stats files and the error log's last lines, then stops both.</summary>
    private async Task StopStatsAsync()
    {
        if (Interlocked.Exchange(ref _statsWriter, null) is { } writer)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_errorLog is not null)
        {
            await _errorLog.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static QueueStats StatsOf(QueueRuntime queue, DateTimeOffset now)
    {
        var counters = queue.Counters;
        var average = counters.AverageTicks;
        return new QueueStats(
            queue.Queue,
            queue.Site,
            queue.Spec.BrokerQueue,
            now,
            double.IsNaN(average) ? null : Math.Round(average / TimeSpan.TicksPerMillisecond, 3),
            Time(counters.LastEmptiedTicks),
            counters.ConsumedSinceEmptied,
            Time(counters.OldestStartedTicks),
            Time(counters.LastFinishedTicks),
            new DateTimeOffset(counters.CreatedTicks, TimeSpan.Zero),
            counters.InFlight,
            Depth: null,
            Consumers: null);
    }

    private static DateTimeOffset? Time(long utcTicks) => utcTicks == 0 ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero);
}
