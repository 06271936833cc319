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
/// <para>
/// Why the broker's single active consumer activates the XMPP output, not Akka's cluster singleton (issue [7],
/// measured with the benchmark's <c>--xmpp-takeover</c>, 2 cores under load): the next node sent its first stanza
/// 127–146 ms after SIGKILL of the holder and 144–172 ms after its SIGTERM, with no stanza lost or doubled, while
/// Akka's singleton moves only once the failure detector, the Split Brain Resolver and the removal margin have
/// passed: 20–22 s after SIGKILL with reference.conf's settings, and settings fast enough for 5 s made the resolver down
/// every node. It is at least as safe: the broker gives the queue to one consumer at a time; a killed holder's
/// XMPP socket dies with its process, and a stopping one closes its connection before it cancels its consumer
/// (<see cref="DisposeAsync"/>), so two nodes never hold a connection at once. Left open: a holder that loses the
/// broker but not the XMPP server keeps its idle connection while the next node connects.
/// </para>
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
    /// Closes the connection, then stops consuming: the consumer's cancel is what makes the broker hand the queue to
    /// the next node, which then connects, so closing first keeps the cluster at one XMPP connection during a graceful
    /// hand-over. Stanzas not yet confirmed by the server go back to the queue, to that node (sent again: at least once).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        // Stop, not a PoisonPill: a system message is handled even while the output awaits the server in a turn,
        // and its PostStop cancels that wait and aborts the connection.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var terminated = output.WatchAsync(patience.Token);
        system.Stop(output);
        try
        {
            await terminated.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Still not stopped after 5 s: it ends with the actor system.
        }

        await consumer.DisposeAsync().ConfigureAwait(false); // what it still holds goes back to the queue
    }
}
