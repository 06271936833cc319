using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Supervision;
using QueueActors.Actors.Runtime;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing;

/// <summary>
/// The worker side of a node:
/// <list type="number">
/// <item><see cref="StartAsync"/> declares the dead-letter queue, works out which broker queues this node
/// consumes (handlers × shared queues and served sites' breakout queues) and starts
/// <c>/user/shared/&lt;queue&gt;</c> and <c>/user/sites/&lt;site&gt;/&lt;queue&gt;</c>.</item>
/// <item><see cref="StopAsync"/> drains every queue at once: subscriptions stop, unstarted events go back,
/// in-flight ones finish within the timeout. What is still running then is left to the broker, which
/// requeues it when the transport closes.</item>
/// </list>
/// </summary>
public sealed partial class ProcessingService
{
    private readonly ProcessingContext _context;
    private readonly IReadOnlyDictionary<string, QueueHandlerRegistration> _handlers;
    private readonly ILogger _logger;
    private List<QueueRuntime> _plan = [];
    private IActorRef? _shared;
    private IActorRef? _sites;

    /// <param name="node">This node's name, recorded in dead letters.</param>
    public ProcessingService(ITransport transport, QueueTopology topology, ProcessingSettings settings, IEnumerable<QueueHandlerRegistration> handlers, IServiceProvider services, IEnumerable<IProcessingObserver>? observers = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, string node = "node")
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        _handlers = IndexByQueue(handlers);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("QueueActors.Processing");
        var time = timeProvider ?? TimeProvider.System;
        var watchers = new ProcessingObservers(observers ?? [], _logger);
        _context = new ProcessingContext
        {
            Transport = transport,
            Services = services,
            Settings = settings,
            Topology = topology,
            Observers = watchers,
            Time = time,
            Logger = _logger,
            Outcomes = new EventOutcomes(transport, settings, topology, new DeadLetterFiles(settings.DeadLetterDirectory), watchers, time, _logger, node),
        };
    }

    /// <summary>The broker queues this node consumes (after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<string> BrokerQueues => _plan.Select(q => q.Spec.BrokerQueue).ToArray();

    /// <summary>The logical queues that have a handler.</summary>
    public IReadOnlyCollection<string> HandledQueues => _handlers.Keys.ToArray();

    /// <summary>Starts the supervisors in <paramref name="system"/>; consuming begins as each subscribes.</summary>
    /// <exception cref="ArgumentException">The filter names a queue without a handler.</exception>
    public async Task StartAsync(ActorSystem system, ProcessingFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (_shared is not null || _plan.Count > 0)
        {
            throw new InvalidOperationException("Processing has started already (a service starts once).");
        }

        _plan = Plan(filter);
        await DeclareAsync([_context.Topology.DeadLetterSpec, .. _plan.Select(q => q.Spec)], cancellationToken).ConfigureAwait(false);
        var shared = _plan.Where(q => q.Site is null).ToArray();
        var sites = _plan.Where(q => q.Site is not null).GroupBy(q => q.Site!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<QueueRuntime>)g.ToArray(), StringComparer.Ordinal);
        _shared = system.ActorOf(Props.Create(() => new SharedQueuesSupervisor(shared, _context)), "shared");
        _sites = system.ActorOf(Props.Create(() => new SitesSupervisor(sites, _context)), "sites");
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

    /// <summary>
    /// Drains every queue at once and waits up to <paramref name="timeout"/> for the work in flight; true
    /// if everything finished in time. Then stops the supervisors.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_shared is not { } shared || _sites is not { } sites)
        {
            return true; // never started, or stopped already
        }

        _shared = _sites = null;

        var supervisors = _context.QueueSupervisors.Values.ToArray();
        var drains = supervisors.Select(s => s.AskAsync<Drained>(Drain.Instance, timeout, cancellationToken)).ToArray();
        var drained = true;
        try
        {
            await Task.WhenAll(drains).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            drained = false;
        }

        var stopWithin = drained ? timeout : TimeSpan.FromSeconds(1); // handlers past the deadline are abandoned to the broker
        await Task.WhenAll(shared.GracefulStopAsync(stopWithin, cancellationToken: cancellationToken), sites.GracefulStopAsync(stopWithin, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return drained;
    }
}
