using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Cluster.Signing;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// Sends signed requests on the control channel and gathers the verified replies addressed to it: what
/// <c>queueactors ctl</c> uses, and a node to ask the others. How it reaches the nodes is its <see cref="IControlRoute"/>,
/// opened on connect, so no reply is missed.
/// </summary>
public sealed class ControlClient : IAsyncDisposable
{
    private readonly IControlRoute route;
    private readonly CommandSigner signer;
    private readonly ControlReceiver receiver;
    private readonly ClusterSettings settings;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, PendingCall> pending = new(StringComparer.Ordinal);
    private bool open;

    private ControlClient(IControlRoute route, ClusterSettings settings, CommandSigner signer, CommandVerifier verifier, TimeProvider time, ILogger logger)
    {
        this.route = route;
        this.settings = settings;
        this.signer = signer;
        this.time = time;
        receiver = new ControlReceiver(verifier, new DuplicateFilter(settings.Signing.MaxAge, time), logger);
        ClientId = "ctl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }

    /// <summary>This client's address on the channel (<c>ctl-</c> and 12 hex digits).</summary>
    public string ClientId { get; }

    /// <summary>How long <see cref="SendAsync"/> waits when the call gives no timeout (<c>request-timeout</c>).</summary>
    public TimeSpan RequestTimeout => settings.RequestTimeout;

    /// <summary>Opens <paramref name="route"/> and returns the ready client, which owns the route from then on.</summary>
    /// <exception cref="Transport.TransportException">The route cannot be opened.</exception>
    public static async Task<ControlClient> ConnectAsync(IControlRoute route, ClusterSettings settings, CommandSigner signer, CommandVerifier verifier, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(verifier);
        var client = new ControlClient(route, settings, signer, verifier, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
        await route.OpenAsync(client.OnMessage, cancellationToken).ConfigureAwait(false);
        client.open = true;
        return client;
    }

    /// <summary>
    /// Sends the call and waits for its replies: the first served one, or every addressed node's, or until the
    /// timeout (then <see cref="ControlResult.TimedOut"/> is set and the result holds what arrived).
    /// </summary>
    /// <exception cref="Transport.TransportException">The request could not be sent.</exception>
    public async Task<ControlResult> SendAsync(ControlCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ObjectDisposedException.ThrowIf(!open, this);
        var known = ControlCommands.Find(ControlCommands.Normalize(call.Command, null).Command);
        var correlationId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var waiting = new PendingCall(call.Mode ?? known?.Mode ?? ReplyMode.First);
        pending[correlationId] = waiting;
        try
        {
            var request = new ControlMessage
            {
                Kind = ControlMessageKind.Request,
                Sender = ClientId,
                Command = call.Command,
                Arguments = call.Arguments,
                TargetNode = call.TargetNode,
                TargetRole = call.TargetRole ?? (call.TargetNode is null ? known?.DefaultRole : null),
                CorrelationId = correlationId,
                ReplyTo = ClientId,
            };
            await route.SendAsync(ControlWire.Seal(request, signer), cancellationToken).ConfigureAwait(false);
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
        if (open)
        {
            open = false;
            await route.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnMessage(ReadOnlyMemory<byte> wire)
    {
        var reply = receiver.Accept(wire, m => m.Kind == ControlMessageKind.Reply && m.ReplyTo == ClientId && m.CorrelationId is { } id && pending.ContainsKey(id));
        if (reply is not null && pending.TryGetValue(reply.CorrelationId!, out var call))
        {
            call.Add(
                new ControlResponse(reply.Sender, new ControlReply(reply.ExitCode ?? ControlReply.FailedCode, reply.Text ?? string.Empty, reply.Data), reply.Served ?? true),
                reply.Expected ?? 0);
        }
    }
}
