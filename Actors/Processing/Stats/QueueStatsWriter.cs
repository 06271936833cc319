using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>Writes the stats files every <see cref="StatsSettings.Interval"/> (the first at once) until disposed.</summary>
public sealed class QueueStatsWriter : IAsyncDisposable
{
    private readonly QueueStatsCollector _collector;
    private readonly QueueStatsFiles _files;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    private QueueStatsWriter(QueueStatsCollector collector, StatsSettings settings, TimeProvider time, ILogger logger)
    {
        _collector = collector;
        _files = new QueueStatsFiles(settings);
        _logger = logger;
        _timer = new PeriodicTimer(settings.Interval, time);
        _loop = Task.Run(RunAsync);
    }

    public static QueueStatsWriter Start(QueueStatsCollector collector, StatsSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new QueueStatsWriter(collector, settings, time, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            do
            {
                await WriteOnceAsync(_stop.Token).ConfigureAwait(false);
            }
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task WriteOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _files.WriteAsync(await _collector.CollectAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            StatsLog.WriteFailed(_logger, ex.Message); // tried again at the next interval
        }
    }
}
