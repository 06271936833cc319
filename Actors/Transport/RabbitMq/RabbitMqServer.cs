using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>
/// One broker server and the one connection to it. The client's own automatic recovery is off: this class
/// owns reconnection, so that it also covers a server that was down at start, and backs off.
/// <list type="number">
/// <item>A supervisor loop connects; once connected it calls the transport back, which declares the known
/// queues again and brings every subscription back on this server.</item>
/// <item>When the connection shuts down (broker stop, crash, network), the loop waits and reconnects:
/// first after <see cref="RabbitMqTransportOptions.InitialReconnectInterval"/>, then twice as long each
/// time (with jitter) up to <see cref="RabbitMqTransportOptions.MaxReconnectInterval"/>.</item>
/// <item>Publishes share one confirm-tracking channel (RabbitMQ.Client 7 serializes its sequence numbers,
/// so concurrent publishes are safe); declarations and queries use a short-lived channel each, because a
/// refused declaration closes its channel.</item>
/// </list>
/// </summary>
internal sealed partial class RabbitMqServer : IAsyncDisposable
{
    /// <summary>The reason a connection closed by its <see cref="ConfirmWatchdog"/> gives (and its publishes' failures show).</summary>
    public const string NoConfirmsReason = "no publish confirmed within the publish timeout";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly ConnectionFactory _factory;
    private readonly RabbitMqTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<RabbitMqServer, CancellationToken, Task> _onConnected;
    private readonly CancellationTokenSource _disposing = new();
    private readonly SemaphoreSlim _lost = new(0);
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConnection? _connection;
    private IChannel? _publishChannel;
    private readonly ITimer _confirmCheck;
    private Task? _supervisor;

    public RabbitMqServer(Uri uri, RabbitMqTransportOptions options, TimeProvider time, ILogger logger, Func<RabbitMqServer, CancellationToken, Task> onConnected)
    {
        Name = MaskedUri.Of(uri);
        _options = options;
        _time = time;
        _logger = logger;
        _onConnected = onConnected;
        _factory = new ConnectionFactory
        {
            Uri = uri,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = options.ClientName,
            RequestedConnectionTimeout = ConnectTimeout,
            ConsumerDispatchConcurrency = 1,
        };
        Confirms = new ConfirmWatchdog(options.PublishTimeout, time);
        _confirmCheck = time.CreateTimer(_ => AbortIfStuck(), null, Confirms.CheckInterval, Confirms.CheckInterval);
    }

    /// <summary>Counts the publishes waiting on this server, to tell a stuck one.</summary>
    public ConfirmWatchdog Confirms { get; }

    /// <summary>The server's URI with its password masked.</summary>
    public string Name { get; }

    /// <summary>The broker's cluster name: servers that share it are one cluster (so queues are counted once).</summary>
    public string ClusterKey { get; private set; } = string.Empty;

    /// <summary>The open connection, or null while the server is down.</summary>
    public IConnection? Connection => Volatile.Read(ref _connection) is { IsOpen: true } connection ? connection : null;

    public bool IsUp => Connection is not null;

    /// <summary>Delay buckets declared on the current connection (cleared on reconnect).</summary>
    public ConcurrentDictionary<string, BucketDeclaration> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>Broadcast channels' fanout exchanges declared on the current connection (cleared on reconnect).</summary>
    public ConcurrentDictionary<string, Lazy<Task>> Exchanges { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts the supervisor and waits for its first connection attempt (which never throws).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _supervisor = Task.Run(SuperviseAsync, CancellationToken.None);
        return _firstAttempt.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        _disposing.Cancel();
        await _confirmCheck.DisposeAsync().ConfigureAwait(false);
        if (_supervisor is not null)
        {
            await _supervisor.ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Closing a connection the broker already dropped; the socket is released either way.
                RabbitMqLog.CloseFailed(_logger, "the connection", Name, ex.Message);
            }
        }
    }

    private async Task SuperviseAsync()
    {
        var token = _disposing.Token;
        var delay = TimeSpan.Zero;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, token).ConfigureAwait(false);
                }

                var failure = await TryConnectAsync(token).ConfigureAwait(false);
                _firstAttempt.TrySetResult();
                if (failure is null)
                {
                    while (IsUp)
                    {
                        await _lost.WaitAsync(token).ConfigureAwait(false);
                    }

                    delay = _options.InitialReconnectInterval;
                    continue;
                }

                delay = delay == TimeSpan.Zero ? _options.InitialReconnectInterval : Next(delay);
                RabbitMqLog.ConnectFailed(_logger, Name, failure, delay);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            _firstAttempt.TrySetResult();
        }
    }

    /// <summary>One attempt; null when connected, else why not.</summary>
    private async Task<string?> TryConnectAsync(CancellationToken token)
    {
        IConnection connection;
        try
        {
            connection = await _factory.CreateConnectionAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            return ex.GetBaseException().Message;
        }

        connection.ConnectionShutdownAsync += (_, args) => OnShutdownAsync(connection, args);
        ClusterKey = AmqpEnvelope.Get(connection.ServerProperties, "cluster_name") is byte[] cluster ? Encoding.UTF8.GetString(cluster) : Name;
        Buckets.Clear();
        Exchanges.Clear();
        Volatile.Write(ref _publishChannel, null);
        Volatile.Write(ref _connection, connection);
        RabbitMqLog.Connected(_logger, Name, ClusterKey);
        await _onConnected(this, token).ConfigureAwait(false); // logs its own failures, never throws
        return null;
    }

    private Task OnShutdownAsync(IConnection connection, ShutdownEventArgs args)
    {
        if (!_disposing.IsCancellationRequested && ReferenceEquals(Interlocked.CompareExchange(ref _connection, null, connection), connection))
        {
            RabbitMqLog.ConnectionLost(_logger, Name, $"{args.Initiator} {args.ReplyCode} {args.ReplyText}");
            _lost.Release();
        }

        return Task.CompletedTask;
    }

    private void AbortIfStuck()
    {
        if (Confirms.IsStuck() && Connection is { } connection)
        {
            RabbitMqLog.NoConfirms(_logger, Name, _options.PublishTimeout);
            // Abort, not close: a hung broker answers no close either. Its shutdown fails the waiting publishes.
            _ = connection.AbortAsync(Constants.ReplySuccess, NoConfirmsReason, TimeSpan.FromSeconds(1));
        }
    }

    private TimeSpan Next(TimeSpan delay)
    {
        var doubled = delay.TotalMilliseconds * 2 * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, _options.MaxReconnectInterval.TotalMilliseconds));
    }
}
