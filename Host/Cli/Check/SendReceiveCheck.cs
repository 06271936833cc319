using System.Diagnostics;
using System.Globalization;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.Stats;
using QueueActors.Actors.Transport;

namespace QueueActors.Host.Cli.Check;

/// <summary>
/// <c>check send-receive</c>: publishes a probe to <see cref="SendReceiveProbe.Queue"/> through the cluster's transport
/// and waits for a worker to handle it (its handler publishes it back to the reply queue, where this waits). The round
/// trip past <c>--warning</c> is WARNING; past <c>--critical</c>, or no answer by then, CRITICAL.
/// </summary>
public static class SendReceiveCheck
{
    public static async Task<CheckOutcome> RunAsync(ITransport transport, QueueTopology topology, TimeSpan warning, TimeSpan critical, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(time);
        var id = "probe-" + Guid.NewGuid().ToString("N");
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reply = SendReceiveProbe.ReplySpec(topology);
        var probe = topology.SharedSpec(SendReceiveProbe.Queue);
        await transport.DeclareAsync(reply, cancellationToken).ConfigureAwait(false);
        await transport.DeclareAsync(probe, cancellationToken).ConfigureAwait(false); // as the workers declare it: events wait there for one
        await using var subscription = await transport.SubscribeAsync(reply, 10, async (delivery, _) =>
        {
            if (delivery.Envelope.MessageId == id)
            {
                received.TrySetResult();
            }

            await delivery.AckAsync().ConfigureAwait(false); // another check's late reply is dropped
        }, cancellationToken).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        await transport.PublishAsync(probe.BrokerQueue, SendReceiveProbe.Envelope(id, time.GetUtcNow(), SendReceiveProbe.Queue), cancellationToken).ConfigureAwait(false);
        try
        {
            await received.Task.WaitAsync(critical, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new CheckOutcome("send-receive", CheckStatus.Critical, string.Create(CultureInfo.InvariantCulture, $"no worker handled the probe on {probe.BrokerQueue} within {critical.TotalSeconds:0.###}s"), []);
        }

        var roundTrip = Stopwatch.GetElapsedTime(started);
        var status = roundTrip > critical ? CheckStatus.Critical : roundTrip > warning ? CheckStatus.Warning : CheckStatus.Ok;
        var item = new CheckedItem(probe.BrokerQueue, status, string.Create(CultureInfo.InvariantCulture, $"round trip {roundTrip.TotalMilliseconds:0.#} ms"));
        return new CheckOutcome("send-receive", status, $"{item.Detail} through {probe.BrokerQueue} (warning {warning.TotalSeconds:0.###}s, critical {critical.TotalSeconds:0.###}s)", [item]) { RoundTripMs = roundTrip.TotalMilliseconds };
    }
}
