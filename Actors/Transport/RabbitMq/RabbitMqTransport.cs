using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// The transport on RabbitMQ (RabbitMQ.Client 7, async API), over a list of servers.
/// <list type="number">
/// <item><see cref="ConnectAsync"/> opens one connection per server; a server that is down then, or lost
/// later, is retried in the background with exponential backoff up to
/// <see cref="RabbitMqTransportOptions.MaxReconnectInterval"/>.</item>
/// <item>Declarations go to every server that is up and are replayed on every server that (re)connects,
/// so independent brokers all hold the queues; on a cluster the replay is a no-op.</item>
/// <item>A publish goes to a random server with publisher confirms and <c>mandatory</c> (an unroutable
/// message is an error), failing over to the next server in turn.</item>
/// <item>A subscription consumes on every server that is up, so it gets events wherever they were
/// published, and comes back by itself on every server that reconnects.</item>
/// <item>Broadcast channels (<see cref="IBroadcast"/>) are fanout exchanges; see <c>RabbitMqTransport.Broadcast.cs</c>.</item>
/// </list>
/// No RabbitMQ type crosses this folder's boundary: callers see <see cref="ITransport"/> only.
/// </summary>
public sealed partial class RabbitMqTransport : ITransport
{
    private readonly RabbitMqTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RabbitMqServer[] _servers;
    private readonly ConcurrentDictionary<string, QueueSpec> _declared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RabbitMqSubscription, byte> _subscriptions = new();
    private int _disposed;

    private RabbitMqTransport(RabbitMqTransportOptions options, ILogger logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _servers = options.Servers.Select(uri => new RabbitMqServer(uri, options, time, logger, OnServerConnectedAsync)).ToArray();
    }

    /// <summary>
    /// Raised with the masked server name once a server (re)connected and its declarations and
    /// subscriptions are back: lets tests and health checks await a recovery instead of polling.
    /// </summary>
    internal event Action<string>? ServerReady;

    /// <summary>The servers connected now, named by their URI with the password masked.</summary>
    public IReadOnlyList<string> ConnectedServers => _servers.Where(s => s.IsUp).Select(s => s.Name).ToArray();

    /// <summary>
    /// Creates the transport and tries each server once (all at once). It returns even if no server is up:
    /// those are retried in the background, and operations fail with <see cref="TransportException"/>
    /// until one is.
    /// </summary>
    /// <exception cref="ArgumentException">The options break a rule (one line per rule).</exception>
    public static async Task<RabbitMqTransport> ConnectAsync(RabbitMqTransportOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = (ILogger?)loggerFactory?.CreateLogger<RabbitMqTransport>() ?? NullLogger.Instance;
        var transport = new RabbitMqTransport(options, logger, timeProvider ?? TimeProvider.System);
        try
        {
            await Task.WhenAll(transport._servers.Select(s => s.StartAsync(cancellationToken))).ConfigureAwait(false);
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return transport;
    }

    /// <inheritdoc />
    public async Task<ISubscription> SubscribeAsync(QueueSpec spec, ushort prefetch, Func<Delivery, CancellationToken, ValueTask> onDelivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(onDelivery);
        spec.Validate();
        ThrowIfDisposed();
        if (_servers.Any(s => s.IsUp))
        {
            await DeclareAsync(spec, cancellationToken).ConfigureAwait(false); // a refused spec fails here, not in a retry loop
        }

        Remember(spec);
        var subscription = new RabbitMqSubscription(spec, prefetch, onDelivery, _options, _time, _logger, s => _subscriptions.TryRemove(s, out _));
        _subscriptions.TryAdd(subscription, 0);
        await Task.WhenAll(_servers.Where(s => s.IsUp).Select(s => subscription.AttachOrRetryAsync(s, cancellationToken))).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>Disposes every subscription (unacknowledged deliveries go back to the broker), then the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        foreach (var subscription in _subscriptions.Keys)
        {
            await CollectAsync(subscription.DisposeAsync, failures).ConfigureAwait(false);
        }

        foreach (var broadcast in _broadcasts.Keys)
        {
            await CollectAsync(broadcast.DisposeAsync, failures).ConfigureAwait(false);
        }

        foreach (var server in _servers)
        {
            await CollectAsync(server.DisposeAsync, failures).ConfigureAwait(false);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Disposing the RabbitMQ transport failed in part.", failures);
        }
    }

    private static async Task CollectAsync(Func<ValueTask> dispose, List<Exception> failures)
    {
        try
        {
            await dispose().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failures.Add(ex);
        }
    }

    /// <summary>A server (re)connected: replay the declarations, bring the subscriptions back. Never throws.</summary>
    private async Task OnServerConnectedAsync(RabbitMqServer server, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var spec in _declared.Values)
            {
                await DeclareOnAsync(server, spec, cancellationToken).ConfigureAwait(false);
            }

            foreach (var subscription in _subscriptions.Keys)
            {
                await subscription.AttachOrRetryAsync(server, cancellationToken).ConfigureAwait(false);
            }

            foreach (var broadcast in _broadcasts.Keys)
            {
                await broadcast.AttachOrRetryAsync(server, cancellationToken).ConfigureAwait(false);
            }

            ServerReady?.Invoke(server.Name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed meanwhile.
        }
    }

    private void Remember(QueueSpec spec)
    {
        if (QueueArguments.DeadLetterSpec(spec) is { } deadLetters)
        {
            _declared[deadLetters.BrokerQueue] = deadLetters;
        }

        _declared[spec.BrokerQueue] = spec;
    }

    private string ServerList => string.Join(", ", _servers.Select(s => s.Name));

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
