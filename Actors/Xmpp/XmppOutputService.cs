using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Actors.Xmpp;

/// <summary>
/// A worker node's part in the cluster's one XMPP output: an <see cref="OnDemandXmppOutput"/> at
/// <c>/user/xmpp</c> fed by an <see cref="XmppOutboxConsumer"/> on the single-active-consumer outbox queue.
/// Every worker with <c>queueactors.xmpp.enabled</c> runs one; the broker makes one of them active, and
/// when that node dies the next one gets the unconfirmed stanzas and connects.
/// </summary>
public sealed class XmppOutputService : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly IActorRef output;
    private readonly XmppOutboxConsumer consumer;

    private XmppOutputService(ActorSystem system, IActorRef output, XmppOutboxConsumer consumer)
    {
        this.system = system;
        this.output = output;
        this.consumer = consumer;
    }

    /// <summary>The actor that owns the connection once this node is the active consumer.</summary>
    public IActorRef Output => output;

    /// <summary>Starts the output actor and consumes the outbox queue; both log to <paramref name="loggerFactory"/> (none: no log).</summary>
    public static async Task<XmppOutputService> StartAsync(ITransport transport, XmppSettings settings, ActorSystem system, IXmppConnector connector, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        loggerFactory ??= NullLoggerFactory.Instance;
        var output = system.ActorOf(OnDemandXmppOutput.Props(settings, connector, loggerFactory), "xmpp");
        try
        {
            var consumer = await XmppOutboxConsumer.StartAsync(transport, settings, system, output, loggerFactory.CreateLogger<XmppOutboxConsumer>(), cancellationToken).ConfigureAwait(false);
            return new XmppOutputService(system, output, consumer);
        }
        catch
        {
            system.Stop(output);
            throw;
        }
    }

    /// <summary>
    /// Stops consuming (unconfirmed stanzas go back to the queue, to the next active node), then the
    /// connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await consumer.DisposeAsync().ConfigureAwait(false);

        // Stop, not a PoisonPill: a system message is handled even while the output awaits the server in a turn,
        // and its PostStop cancels that wait and closes the connection.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var terminated = output.WatchAsync(patience.Token);
        system.Stop(output);
        try
        {
            await terminated.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Still not stopped after 5 s: it ends with the actor system; its stanzas are back on the queue.
        }
    }
}
