using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Gives back at once the claims of consumers whose process is gone, as RabbitMQ does with a dead consumer's
/// deliveries, instead of after <c>visibility-timeout</c>, which stays as the guard against a consumer that is alive but
/// stuck. Every <see cref="Interval"/> it asks <see cref="ISqlConsumerLiveness"/> which other transport instances are
/// gone, makes their live claims claimable and wakes the queues' consumers.
/// </summary>
internal sealed class GoneConsumerReaper : IAsyncDisposable
{
    /// <summary>How often it looks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ISqlQueueStore _store;
    private readonly ISqlConsumerLiveness _liveness;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GoneConsumerReaper(ISqlQueueStore store, ISqlConsumerLiveness liveness, TimeProvider time, ILogger logger)
    {
        _store = store;
        _liveness = liveness;
        _time = time;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _liveness.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                foreach (var instance in await _liveness.FindGoneAsync(stopping).ConfigureAwait(false))
                {
                    if (await _store.ReleaseClaimsOfAsync(instance, _time.GetUtcNow(), stopping).ConfigureAwait(false) is > 0 and var released)
                    {
                        SqlTransportLog.GoneConsumerReleased(_logger, released, instance, _liveness.Resource);
                    }

                    await _liveness.ForgetAsync(instance, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                SqlTransportLog.GoneConsumerCheckFailed(_logger, ex.Message); // the next look tries again; the visibility timeout still holds
            }
        }
        while (await WaitAsync(timer, stopping).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
