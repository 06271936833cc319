using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Supervision;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing;

/// <summary>
/// The worker side of a node:
/// <list type="number">
/// <item><see cref="StartAsync"/> declares the dead-letter queue, works out which broker queues this node
/// consumes (handlers × shared queues and served sites' breakout queues) and starts
/// <c>/user/shared/&lt;queue&gt;</c> and <c>/user/sites/&lt;site&gt;/&lt;queue&gt;</c>.</item>
/// <item>At runtime, for the control channel: sites are applied and removed
/// (<c>ProcessingService.Sites</c>), queues paused and resumed, the node or queues quieted (<c>ProcessingService.Quiet</c>), processing restarted with new settings,
/// and its status read (<c>ProcessingService.Controls</c>). One control operation runs at a time.</item>
/// <item><see cref="StopAsync"/> drains every queue at once: subscriptions stop, unstarted events go back,
/// in-flight ones finish within the timeout. What is still running then is left to the broker, which
/// requeues it when the transport closes.</item>
/// </list>
/// </summary>
public sealed partial class ProcessingService
{
    private readonly ITransport _transport;
    private readonly QueueTopology _topology;
    private readonly IServiceProvider _services;
    private readonly ProcessingObservers _observers;
    private readonly TimeProvider _time;
    private readonly string _node;
    private readonly IReadOnlyDictionary<string, QueueHandlerRegistration> _handlers;
    private readonly ILogger _logger;
    private readonly PausedQueues _paused = new();
    private readonly QuietQueues _quiet = new();
    private readonly Crashes.HandlingJournal _journal;
    private readonly Stats.QueueErrorLog? _errorLog;
    private Stats.QueueStatsWriter? _statsWriter;

    /// <summary>Serializes start, stop and the runtime controls, so that no two change the supervisors at once.</summary>
    private readonly SemaphoreSlim _control = new(1, 1);
    private ProcessingContext _context;

    /// <summary>What runs now; replaced whole (never changed in place), so status reads it without the lock.</summary>
    private QueueRuntime[] _plan = [];
    private ActorSystem? _system;
    private ProcessingFilter? _filter;
    private bool _stopped;
    private IActorRef? _shared;
    private IActorRef? _sites;

    /// <param name="node">This node's name, recorded in dead letters.</param>
    public ProcessingService(ITransport transport, QueueTopology topology, ProcessingSettings settings, IEnumerable<QueueHandlerRegistration> handlers, IServiceProvider services, IEnumerable<IProcessingObserver>? observers = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, string node = "node")
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        _handlers = IndexByQueue(handlers);
        _transport = transport;
        _topology = topology;
        _services = services;
        _node = node;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("QueueActors.Processing");
        _time = timeProvider ?? TimeProvider.System;
        _observers = new ProcessingObservers(observers ?? [], _logger);
        _journal = new Crashes.HandlingJournal(Path.Combine(settings.DataDirectory, "handling"), node, _time, _logger);
        _errorLog = settings.Stats.Enabled ? new Stats.QueueErrorLog(settings.Stats, _time, _logger) : null;
        _context = CreateContext(settings);
    }

    /// <summary>
    /// Takes this node's handling journal now (<see cref="StartAsync"/> does it too; once is enough), so that a second
    /// process of the same node is refused before anything starts.
    /// </summary>
    /// <exception cref="Crashes.HandlingJournalLockedException">Another process runs this node name on this data directory.</exception>
    public void OpenJournal() => _journal.Open();

    /// <summary>The broker queues this node consumes now (after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<string> BrokerQueues => Volatile.Read(ref _plan).Select(q => q.Spec.BrokerQueue).ToArray();

    /// <summary>The logical queues that have a handler.</summary>
    public IReadOnlyCollection<string> HandledQueues => _handlers.Keys.ToArray();

    /// <summary>The settings processing runs with (those of the last <see cref="RestartAsync"/>, if any).</summary>
    public ProcessingSettings Settings => _context.Settings;

    /// <summary>Starts the supervisors in <paramref name="system"/> (the node's Akka.NET actor system); consuming begins as each subscribes.</summary>
    /// <exception cref="ArgumentException">The filter names a queue without a handler.</exception>
    public async Task StartAsync(ActorSystem system, ProcessingFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_system is not null)
            {
                throw new InvalidOperationException("Processing has started already (a service starts once; RestartAsync starts it again).");
            }

            _filter = filter;
            var plan = Plan(); // throws on a bad filter before anything is kept
            _journal.Open(); // throws when another process runs this node name on this data directory
            _system = system;
            await StartPlanAsync(system, plan, cancellationToken).ConfigureAwait(false);
            await StartPartitionsAsync(system, cancellationToken).ConfigureAwait(false);
            _statsWriter = StartStatsWriter();
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Drains every queue at once and waits up to <paramref name="timeout"/> for the work in flight; true
    /// if everything finished in time. Then stops the supervisors. The service stays stopped.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stopped = _system is not null;
            var drained = (await StopAllAsync(timeout, cancellationToken).ConfigureAwait(false)).Drained & await HandOffPartitionsAsync(timeout).ConfigureAwait(false);
            await StopStatsAsync().ConfigureAwait(false);
            _journal.Close(); // what still runs past the deadline writes no end: it counts as a crash if it never ended
            return drained;
        }
        finally
        {
            _control.Release();
        }
    }

    private ProcessingContext CreateContext(ProcessingSettings settings)
    {
        var counters = new QueueCountersBook(_time);
        return new ProcessingContext
        {
            Transport = _transport,
            Services = _services,
            Settings = settings,
            Topology = _topology,
            Observers = _observers,
            Time = _time,
            Logger = _logger,
            Counters = counters,
            Paused = _paused,
            Quiet = _quiet,
            ErrorLog = _errorLog,
            Outcomes = new EventOutcomes(_transport, settings, _topology, new DeadLetterFiles(settings.DeadLetterDirectory), _journal, _observers, counters, _time, _logger, _node),
        };
    }

    private async Task StartPlanAsync(ActorSystem system, List<QueueRuntime> plan, CancellationToken cancellationToken)
    {
        await DeclareAsync([_context.Topology.DeadLetterSpec, .. plan.Select(q => q.Spec)], cancellationToken).ConfigureAwait(false);
        var context = _context;
        var shared = plan.Where(q => q.Site is null).ToArray();
        _shared = await StartTopAsync(system, Props.Create(() => new SharedQueuesSupervisor(shared, context)), "shared", cancellationToken).ConfigureAwait(false);
        _sites = await StartTopAsync(system, Props.Create(() => new SitesSupervisor(context)), "sites", cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _plan, [.. plan]);

        // Each reply comes once the queue supervisors exist and are registered, so that a control command
        // right after the start finds them.
        var sites = _sites;
        var started = plan.Where(q => q.Site is not null).GroupBy(q => q.Site!, StringComparer.Ordinal)
            .Select(site => sites.Ask<QueuesStarted>(new StartSite(site.Key, site.ToArray()), cancellationToken));
        await Task.WhenAll([_shared.Ask<QueuesStarted>(ReportStarted.Instance, cancellationToken), .. started]).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts <c>/user/shared</c> or <c>/user/sites</c>. After a restart's stop the name may still be taken for a
    /// moment: Akka frees it when the guardian has processed the old actor's end, which may come after the
    /// stop's own reply.
    /// </summary>
    private static async Task<IActorRef> StartTopAsync(ActorSystem system, Props props, string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return system.ActorOf(props, name);
            }
            catch (InvalidActorNameException) when (attempt < 100)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Declares up front, so events published before a subscription is up wait on their queue.</summary>
    private async Task DeclareAsync(IEnumerable<QueueSpec> specs, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            try
            {
                await _context.Transport.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (TransportException ex)
            {
                ProcessingLog.DeclareFailed(_logger, spec.BrokerQueue, ex.Message); // declared again when a server comes back
            }
        }
    }

    /// <summary>Drains every queue, then stops <c>/user/shared</c> and <c>/user/sites</c>; Stopped says whether both are gone.</summary>
    private async Task<(bool Drained, bool Stopped)> StopAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_shared is not { } shared || _sites is not { } sites)
        {
            return (true, true); // never started, or stopped already
        }

        _shared = _sites = null;
        var drained = await DrainAsync(_context.QueueSupervisors.Values, timeout, cancellationToken).ConfigureAwait(false);
        var stopWithin = drained ? timeout : TimeSpan.FromSeconds(1); // handlers past the deadline are abandoned to the broker
        var stopped = await Task.WhenAll(shared.GracefulStop(stopWithin), sites.GracefulStop(stopWithin)).ConfigureAwait(false);
        Volatile.Write(ref _plan, []);
        return (drained, stopped.All(s => s));
    }

    /// <summary>Asks each queue supervisor to drain, all at once; true if all replied within <paramref name="timeout"/>.</summary>
    private static async Task<bool> DrainAsync(IEnumerable<IActorRef> supervisors, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var drains = supervisors.Select(s => s.Ask<Drained>(Drain.Instance, timeout, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(drains).ConfigureAwait(false);
            return true;
        }
        catch (AskTimeoutException)
        {
            return false;
        }
    }
}
