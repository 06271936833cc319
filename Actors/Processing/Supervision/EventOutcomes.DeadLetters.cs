using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>Dead letters: one file and one record on the dead-letter queue, then the ack.</summary>
internal sealed partial class EventOutcomes
{
    public async ValueTask DeadLetterAsync(Delivery delivery, string brokerQueue, DeadLetterReason reason, int attempts, Exception? error)
    {
        var envelope = delivery.Envelope;
        var record = DeadLetterRecord.Create(envelope, brokerQueue, reason, attempts, error, node, time.GetUtcNow());
        string? file = null;
        try
        {
            file = await files.WriteAsync(record).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            ProcessingLog.DeadLetterStoreFailed(logger, envelope.MessageId, envelope.Queue, files.Directory, ex.Message);
        }

        var queued = false;
        try
        {
            await transport.PublishAsync(topology.DeadLetterSpec.BrokerQueue, record.ToQueueEnvelope(envelope.Site)).ConfigureAwait(false);
            queued = true;
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException or OperationCanceledException)
        {
            ProcessingLog.DeadLetterStoreFailed(logger, envelope.MessageId, envelope.Queue, topology.DeadLetterSpec.BrokerQueue, ex.Message);
        }

        if (file is null && !queued)
        {
            await delivery.RejectAsync(requeue: true).ConfigureAwait(false); // kept on its queue rather than lost
            return;
        }

        journal.DeadLettered(envelope.MessageId, attempts); // before the ack: a copy that comes back is stale
        ProcessingLog.DeadLettered(logger, envelope.MessageId, envelope.Queue, envelope.Site, reason.ToString(), attempts, file ?? topology.DeadLetterSpec.BrokerQueue);
        await delivery.AckAsync().ConfigureAwait(false);
        counters.For(brokerQueue).AddDeadLettered();
        QueueActorsMetrics.DeadLettered(envelope.Site, envelope.Queue);
        observers.DeadLettered(record);
    }
}
