using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// A non-member of the cluster that sends signed requests on the control channel and gathers the verified
/// replies addressed to it (what <c>queueactors ctl</c> uses). It subscribes on connect, so no reply is missed.
/// </summary>
public sealed class ControlClient : IAsyncDisposable
{
    private readonly ControlPublisher publisher;
    private readonly ControlReceiver receiver;
    private readonly ClusterSettings settings;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, PendingCall> pending = new(StringComparer.Ordinal);
    private IAsyncDisposable? subscription;

    private ControlClient(IBroadcast broadcast, ClusterSettings settings, CommandSigner signer, CommandVerifier verifier, TimeProvider time, ILogger logger)
    {
        this.settings = settings;
        this.time = time;
        publisher = new ControlPublisher(broadcast, settings.ControlChannel, signer);
        receiver = new ControlReceiver(verifier, new DuplicateFilter(settings.Signing.MaxAge, time), logger);
        ClientId = "ctl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }

    /// <summary>This client's address on the channel (<c>ctl-</c> and 12 hex digits).</summary>
    public string ClientId { get; }

    /// <summary>How long <see cref="SendAsync"/> waits when the call gives no timeout (<c>request-timeout</c>).</summary>
    public TimeSpan RequestTimeout => settings.RequestTimeout;

    /// <summary>Subscribes to the control channel and returns the ready client.</summary>
    /// <exception cref="TransportException">The channel cannot be subscribed.</exception>
    public static async Task<ControlClient> ConnectAsync(IBroadcast broadcast, ClusterSettings settings, CommandSigner signer, CommandVerifier verifier, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(verifier);
        var client = new ControlClient(broadcast, settings, signer, verifier, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
        client.subscription = await broadcast.SubscribeBroadcastAsync(settings.ControlChannel, client.OnMessage, cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>
    /// Sends the call and waits for its replies: the first served one, or every addressed node's, or until the
    /// timeout (then <see cref="ControlResult.TimedOut"/> is set and the result holds what arrived).
    /// </summary>
    /// <exception cref="TransportException">The request could not be sent.</exception>
    public async Task<ControlResult> SendAsync(ControlCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ObjectDisposedException.ThrowIf(subscription is null, this);
        var known = ControlCommands.Find(ControlCommands.Normalize(call.Command, null).Command);
        var correlationId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var waiting = new PendingCall(call.Mode ?? known?.Mode ?? ReplyMode.First);
        pending[correlationId] = waiting;
        try
        {
            await publisher.PublishAsync(
                new ControlMessage
                {
                    Kind = ControlMessageKind.Request,
                    Sender = ClientId,
                    Command = call.Command,
                    Arguments = call.Arguments,
                    TargetNode = call.TargetNode,
                    TargetRole = call.TargetRole ?? (call.TargetNode is null ? known?.DefaultRole : null),
                    CorrelationId = correlationId,
                    ReplyTo = ClientId,
                },
                cancellationToken).ConfigureAwait(false);
            try
            {
                await waiting.Done.WaitAsync(call.Timeout ?? settings.RequestTimeout, time, cancellationToken).ConfigureAwait(false);
                return waiting.Result(timedOut: false);
            }
            catch (TimeoutException)
            {
                return waiting.Result(timedOut: true);
            }
        }
        finally
        {
            pending.TryRemove(correlationId, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref subscription, null) is { } active)
        {
            await active.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ValueTask OnMessage(ReadOnlyMemory<byte> wire, CancellationToken cancellationToken)
    {
        var reply = receiver.Accept(wire, m => m.Kind == ControlMessageKind.Reply && m.ReplyTo == ClientId && m.CorrelationId is { } id && pending.ContainsKey(id));
        if (reply is not null && pending.TryGetValue(reply.CorrelationId!, out var call))
        {
            call.Add(
                new ControlResponse(reply.Sender, new ControlReply(reply.ExitCode ?? ControlReply.FailedCode, reply.Text ?? string.Empty, reply.Data), reply.Served ?? true),
                reply.Expected ?? 0);
        }

        return ValueTask.CompletedTask;
    }
}
