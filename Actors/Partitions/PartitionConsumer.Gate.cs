using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Partitions;

/// <summary>
/// The partition's way through its queue's <see cref="PartitionGate"/>: every event, new or held, starts only when the
/// gate lets it (a rate-limit token, the circuit closed or this event its trial); until then the partition holds it,
/// unacknowledged, and asks again at the gate's time (<see cref="RetryHeldEvent"/> on a timer) or word
/// (<see cref="GateOpened"/>). Each outcome goes back to the gate.
/// </summary>
internal sealed partial class PartitionConsumer
{
    private PartitionGate _gate = null!; // joined in PreStart

    private Task StartHeldAsync() => _held is { } held ? StartAsync(held.Delivery, held.Attempts) : Task.CompletedTask;

    /// <summary>Handles the event if the gate lets it start now; else holds it until the gate's time or word.</summary>
    private Task StartAsync(Delivery delivery, int attempts)
    {
        var answer = _gate.TryStart(Self);
        if (answer.Granted)
        {
            return HandleAsync(delivery, attempts, answer.Trial);
        }

        _held = (delivery, attempts);
        if (answer.WakeIn is { } wait)
        {
            Timers.StartSingleTimer(RetryHeldEvent.Instance, RetryHeldEvent.Instance, wait);
        }

        return Task.CompletedTask;
    }

    /// <summary>Handles the event and tells the gate how it went; a failed trial's event waits for the next trial.</summary>
    private async Task HandleAsync(Delivery delivery, int attempts, bool trial)
    {
        _held = null;
        bool succeeded;
        try
        {
            succeeded = await RunAsync(delivery, attempts, trial);
        }
        catch when (trial)
        {
            _gate.Finished(succeeded: false, trial: true); // the turn failed (the actor restarts): the trial is lost, another comes later
            throw;
        }

        _gate.Finished(succeeded, trial);
        if (trial && !succeeded)
        {
            await StartHeldAsync();
        }
    }
}
