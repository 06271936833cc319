using QueueActors.Actors.Processing.DeadLetters;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Told what became of each event, from the one wrapper around the work (never from inside handlers):
/// for metrics, tests and tools. Register any number in DI. Calls come from handler actors: keep them short
/// and never throw.
/// </summary>
public interface IProcessingObserver
{
    /// <summary>The handler finished the event and it was acknowledged.</summary>
    void OnHandled(HandledEvent handled)
    {
    }

    /// <summary>The event failed (or its worker died) and comes back after a delay.</summary>
    void OnRetried(RetriedEvent retried)
    {
    }

    /// <summary>The event went to dead letters.</summary>
    void OnDeadLettered(DeadLetterRecord record)
    {
    }
}
