using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Relay;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Uniqueness;

namespace QueueActors.Actors.Scheduling;

/// <summary>
/// Moves due scheduled events from the database onto their broker queues. Every node runs one: each claims due rows
/// for <see cref="SchedulingSettings.ClaimTimeout"/> (PostgreSQL: FOR UPDATE SKIP LOCKED) and relays them in rounds
/// of a <see cref="RowRelay"/> (publish with confirms, then delete). At least once: a relay killed between the confirm
/// and the delete leaves the row claimed; when the claim runs out, a relay (another node's, or this one restarted)
/// publishes it again, with the same message id. The transport failing: the rows are released and the relay backs
/// off (up to 30 s), nothing is lost. It sleeps until the next due time, at most
/// <see cref="SchedulingSettings.PollInterval"/> (a row another node added is seen within it), so a long delay (days)
/// costs one small query per interval.
/// </summary>
public sealed class ScheduledEventRelay : ReceiveActor, IWithTimers, IRelayTable
{
    private const int Batch = 100;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly IScheduledEventsRelayStore _store;
    private readonly SchedulingSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IUniqueKeys? _uniqueKeys;
    private readonly RowRelay _relay;
    private readonly CancellationTokenSource _stopping = new();

    public ScheduledEventRelay(IScheduledEventsRelayStore store, IUniqueKeys? uniqueKeys, ITransport transport, QueueTopology topology, SchedulingSettings settings, TimeProvider time, ILogger logger, string? node)
    {
        _uniqueKeys = uniqueKeys;
        _store = store;
        _settings = settings;
        _time = time;
        _logger = logger;
        _relay = new RowRelay(this, transport, topology, node ?? Context.System.Name, time, Batch, MinBackoff, MaxBackoff);
        ReceiveAsync<Tick>(_ => RelayDueAsync());
        ReceiveAsync<Sweep>(_ => SweepAsync());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The relay of the events in <paramref name="store"/> (a database store: <c>Scheduling/Sql</c>); it also deletes the expired keys of <paramref name="uniqueKeys"/>.</summary>
    /// <param name="node">The node name the dead-letter records of unroutable events carry (default: the actor system's name).</param>
    public static Props Props(IScheduledEvents store, IUniqueKeys? uniqueKeys, ITransport transport, QueueTopology topology, SchedulingSettings settings, TimeProvider time, ILogger logger, string? node = null)
    {
        var rows = store as IScheduledEventsRelayStore ?? throw new ArgumentException("The relay moves the rows of a database store (Scheduling/Sql).", nameof(store));
        return Akka.Actor.Props.Create(() => new ScheduledEventRelay(rows, uniqueKeys, transport, topology, settings, time, logger, node));
    }

    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        if (_uniqueKeys is not null)
        {
            Timers.StartPeriodicTimer(Sweep.Instance, Sweep.Instance, _settings.UniqueSweepInterval);
        }
    }

    protected override void PostStop() => _stopping.Cancel();

    async Task<IRelayClaim> IRelayTable.ClaimAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return new ScheduledClaim(_store, await _store.ClaimDueAsync(now, now + _settings.ClaimTimeout, batchSize, cancellationToken).ConfigureAwait(false));
    }

    void IRelayTable.Relayed(int count, int failedRounds)
    {
        if (count > 0)
        {
            SchedulingLog.Relayed(_logger, count);
        }
    }

    void IRelayTable.PublishFailed(RelayRow row, int pending, Exception error, TimeSpan retryIn) => SchedulingLog.RelayFailed(_logger, error, row.Envelope.MessageId, row.BrokerQueue ?? "", retryIn);

    void IRelayTable.StoreFailed(Exception error, TimeSpan retryIn) => SchedulingLog.StoreFailed(_logger, error, retryIn);

    void IRelayTable.Unroutable(Messaging.Envelope envelope, string site, string queue, Exception error) => SchedulingLog.Unroutable(_logger, envelope.MessageId, site, queue, error.Message);

    private async Task RelayDueAsync()
    {
        var token = _stopping.Token;
        TimeSpan? retryIn;
        do
        {
            retryIn = await _relay.RunRoundAsync(token).ConfigureAwait(false);
        }
        while (retryIn == TimeSpan.Zero); // a full batch: more may be due at once

        if (retryIn is null)
        {
            try
            {
                var next = await _store.NextDueAsync(token).ConfigureAwait(false);
                var wait = next is { } at ? at - _time.GetUtcNow() : _settings.PollInterval;
                retryIn = wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait > _settings.PollInterval ? _settings.PollInterval : wait;
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                retryIn = _relay.StoreFailed(ex);
            }
        }

        if (!token.IsCancellationRequested)
        {
            Timers.StartSingleTimer(Tick.Instance, Tick.Instance, retryIn.Value);
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            await _uniqueKeys!.SweepAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            SchedulingLog.SweepFailed(_logger, ex.Message);
        }
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }
}
