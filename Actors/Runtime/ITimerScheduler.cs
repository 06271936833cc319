namespace QueueActors.Actors.Runtime;

/// <summary>
/// Timers that send the actor a message. Starting a timer with a key that is in use replaces it;
/// a cancelled timer never delivers, even if its message was already on its way. All timers are
/// cancelled when the actor stops or restarts.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
