using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Transport.InMemory;

/// <summary>What happens to a message after a delivery is settled, and when a delay runs out.</summary>
public sealed partial class InMemoryTransport
{
    /// <summary>Ack (null), requeue (true) or dead-letter (false) a settled message.</summary>
    internal void SettleLocked(InMemoryQueue queue, InMemoryMessage message, bool? requeue)
    {
        if (requeue == true && CountReturnLocked(queue, message))
        {
            queue.ReturnToFront([message]);
        }
        else if (requeue == false)
        {
            DeadLetterLocked(queue, message);
        }
    }

    /// <summary>Counts a return; true if the message may go back, false if it was dead-lettered instead.</summary>
    internal bool CountReturnLocked(InMemoryQueue queue, InMemoryMessage message)
    {
        message.Returns++;
        if (queue.Spec.DeliveryLimit is not { } limit || message.Returns <= limit)
        {
            return true;
        }

        InMemoryLog.DeliveryLimitExceeded(_logger, message.Envelope.MessageId, queue.Spec.BrokerQueue, message.Returns, queue.Spec.DeadLetterQueue ?? "(none: dropped)");
        DeadLetterLocked(queue, message);
        return false;
    }

    private void DeadLetterLocked(InMemoryQueue queue, InMemoryMessage message)
    {
        if (queue.Spec.DeadLetterQueue is { } name && !_disposed && _queues.TryGetValue(name, out var deadLetters))
        {
            deadLetters.Enqueue(new InMemoryMessage(message.Envelope, ++_sequence));
            deadLetters.Dispatch();
        }
    }

    /// <summary>A delay ran out: forget its timer and enqueue the message, if the transport and queue still exist.</summary>
    internal void FireDelayed(ITimer timer, string brokerQueue, Envelope envelope)
    {
        lock (Gate)
        {
            if (!_timers.Remove(timer))
            {
                return; // disposed meanwhile
            }

            timer.Dispose();
            if (!_queues.TryGetValue(brokerQueue, out var queue))
            {
                InMemoryLog.DelayedTargetGone(_logger, envelope.MessageId, brokerQueue);
                return;
            }

            queue.Enqueue(new InMemoryMessage(envelope, ++_sequence));
            queue.Dispatch();
        }
    }
}
