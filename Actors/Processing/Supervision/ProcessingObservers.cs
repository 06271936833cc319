using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing.DeadLetters;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>Tells every registered observer; an observer that throws is logged and does not stop the others.</summary>
internal sealed class ProcessingObservers(IEnumerable<IProcessingObserver> observers, ILogger logger)
{
    private readonly IProcessingObserver[] _observers = observers.ToArray();

    // Each call written out rather than through one guard taking a lambda: a closure per observer per event is
    // what a no-op handler's event would otherwise allocate most of, after the payload itself.
    public void Handled(HandledEvent handled)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnHandled(handled);
            }
            catch (Exception ex)
            {
                Failed(handled.Envelope.MessageId, ex);
            }
        }
    }

    public void Retried(RetriedEvent retried)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnRetried(retried);
            }
            catch (Exception ex)
            {
                Failed(retried.Envelope.MessageId, ex);
            }
        }
    }

    public void DeadLettered(DeadLetterRecord record)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnDeadLettered(record);
            }
            catch (Exception ex)
            {
                Failed(record.MessageId, ex);
            }
        }
    }

    public bool Any => _observers.Length > 0;

    private void Failed(string messageId, Exception error) => ProcessingLog.ObserverFailed(logger, messageId, error.Message);
}
