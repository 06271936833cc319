using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing.DeadLetters;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>Tells every registered observer; an observer that throws is logged and does not stop the others.</summary>
internal sealed class ProcessingObservers(IEnumerable<IProcessingObserver> observers, ILogger logger)
{
    private readonly IProcessingObserver[] _observers = observers.ToArray();

    public void Handled(HandledEvent handled)
    {
        foreach (var observer in _observers)
        {
            Guard(handled.Envelope.MessageId, () => observer.OnHandled(handled));
        }
    }

    public void Retried(RetriedEvent retried)
    {
        foreach (var observer in _observers)
        {
            Guard(retried.Envelope.MessageId, () => observer.OnRetried(retried));
        }
    }

    public void DeadLettered(DeadLetterRecord record)
    {
        foreach (var observer in _observers)
        {
            Guard(record.MessageId, () => observer.OnDeadLettered(record));
        }
    }

    public bool Any => _observers.Length > 0;

    private void Guard(string messageId, Action call)
    {
        try
        {
            call();
        }
        catch (Exception ex)
        {
            ProcessingLog.ObserverFailed(logger, messageId, ex.Message);
        }
    }
}
