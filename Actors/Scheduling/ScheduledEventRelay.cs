using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Uniqueness;

namespace QueueActors.Actors.Scheduling;

/// <summary>
/// Moves due scheduled events from the database onto their broker queues. Every node runs one: each claims due rows
/// for <see cref="SchedulingSettings.ClaimTimeout"/> (PostgreSQL: FOR UPDATE SKIP LOCKED), publishes each with
/// confirms, then deletes it. At least once: a relay killed between the confirm and the delete leaves the row
/// claimed; when the claim runs out, a relay (another node's, or this one restarted) publishes it again, with the
/// same message id. The transport failing: the row is released and the relay backs off (up to 30 s), nothing is
/// lost. It sleeps until the next due time, at most <see cref="SchedulingSettings.PollInterval"/> (a row another node
/// added is seen within it), so a long delay (days) costs one small query per interval.
/// </summary>
public sealed class ScheduledEventRelay : ReceiveActor, IWithTimers
{
    private const int Batch = 100;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly IScheduledEventsRelayStore _store;
    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly SchedulingSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IUniqueKeys? _uniqueKeys;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private TimeSpan _backoff = MinBackoff;

    public ScheduledEventRelay(IScheduledEventsRelayStore store, IUniqueKeys? uniqueKeys, ITransport transport, QueueTopology topology, SchedulingSettings settings, TimeProvider time, ILogger logger)
    {
        _uniqueKeys = uniqueKeys;
        _store = store;
        _transport = transport;
        _topology = topology;
        _settings = settings;
        _time = time;
        _logger = logger;
        ReceiveAsync<Tick>(_ => RelayDueAsync());
        ReceiveAsync<Sweep>(_ => SweepAsync());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The relay of the events in <paramref name="store"/> (a database store: <c>Scheduling/Sql</c>); it also deletes the expired keys of <paramref name="uniqueKeys"/>.</summary>
    public static Props Props(IScheduledEvents store, IUniqueKeys? uniqueKeys, ITransport transport, QueueTopology topology, SchedulingSettings settings, TimeProvider time, ILogger logger)
    {
        var rows = store as IScheduledEventsRelayStore ?? throw new ArgumentException("The relay moves the rows of a database store (Scheduling/Sql).", nameof(store));
        return Akka.Actor.Props.Create(() => new ScheduledEventRelay(
            rows,
            uniqueKeys,
            transport,
            topology,
            settings,
            time,
            logger));
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

    private async Task RelayDueAsync()
    {
        var token = _stopping.Token;
        TimeSpan wait;
        try
        {
            int claimed;
            do
            {
                var now = _time.GetUtcNow();
                var due = await _store.ClaimDueAsync(now, now + _settings.ClaimTimeout, Batch, token).ConfigureAwait(false);
                claimed = due.Count;
                foreach (var each in due)
                {
                    if (!await RelayAsync(each, token).ConfigureAwait(false))
                    {
                        // Let the others go at once (not after their claim): the next try takes them again.
                        foreach (var rest in due.SkipWhile(d => d != each))
                        {
                            await _store.ReleaseAsync(rest.Id, token).ConfigureAwait(false);
                        }

                        Timers.StartSingleTimer(Tick.Instance, Tick.Instance, Backoff());
                        return;
                    }
                }

                if (claimed > 0)
                {
                    SchedulingLog.Relayed(_logger, claimed);
                }
            }
            while (claimed == Batch);

            _backoff = MinBackoff;
            var next = await _store.NextDueAsync(token).ConfigureAwait(false);
            wait = next is { } at ? at - _time.GetUtcNow() : _settings.PollInterval;
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            var backoff = Backoff();
            SchedulingLog.StoreFailed(_logger, ex, backoff);
            Timers.StartSingleTimer(Tick.Instance, Tick.Instance, backoff);
            return;
        }

        if (!token.IsCancellationRequested)
        {
            var clamped = wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait > _settings.PollInterval ? _settings.PollInterval : wait;
            Timers.StartSingleTimer(Tick.Instance, Tick.Instance, clamped);
        }
    }

    /// <summary>Publishes one due event (declaring its queue first: a transient queue may be gone after a broker restart) and deletes its row.</summary>
    private async Task<bool> RelayAsync(DueEvent due, CancellationToken token)
    {
        try
        {
            if (!_declared.Contains(due.BrokerQueue))
            {
                await _transport.DeclareAsync(_topology.SpecFor(due.Envelope.Site, due.Envelope.Queue), token).ConfigureAwait(false);
                _declared.Add(due.BrokerQueue);
            }

            await _transport.PublishAsync(due.BrokerQueue, due.Envelope, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            _declared.Remove(due.BrokerQueue);
            SchedulingLog.RelayFailed(_logger, ex, due.Envelope.MessageId, due.BrokerQueue, _backoff);
            return false;
        }

        await _store.DeleteAsync(due.Id, token).ConfigureAwait(false);
        return true;
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

    private TimeSpan Backoff()
    {
        var wait = _backoff;
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
        return wait;
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
