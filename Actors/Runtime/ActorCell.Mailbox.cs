namespace QueueActors.Actors.Runtime;

/// <summary>
/// The mailbox: two lock-free queues and a status word. A producer enqueues, then moves the status
/// from Idle to Scheduled; whoever wins queues the cell on the thread pool. After a turn the cell
/// goes Idle with a full fence and looks at its queues again, so a message enqueued during the turn
/// is never left without a run (no lost wake-up).
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private MpscQueue<Envelope> userQueue = new();
    private MpscQueue<SystemMessage> systemQueue = new();
    private int status;
    private bool suspended;

    private bool HasUserWork => userQueue.HasItems || extras?.Unstashed?.Count > 0;

    private bool CanProcessUserMessages => !suspended && lifecycle == Running;

    private void TrySchedule()
    {
        // The plain read first: a busy actor is usually Scheduled already, and a failed CAS would still
        // take the cache line exclusively from the thread running it.
        if (Volatile.Read(ref status) == Idle && Interlocked.CompareExchange(ref status, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute() => Run();

    /// <summary>One turn. Continues after an awaited receive, still holding the Scheduled status.</summary>
    private void Run()
    {
        var budget = system.Throughput;
        while (true)
        {
            ProcessSystemMessages();
            if (lifecycle == Stopped)
            {
                DrainToDeadLetters();
                break;
            }

            if (!CanProcessUserMessages || budget-- <= 0 || !TryDequeueUser(out var envelope))
            {
                break;
            }

            var pending = Invoke(envelope);
            if (!pending.IsCompletedSuccessfully)
            {
                _ = AwaitReceiveThenRunAsync(pending);
                return;
            }

            current = default;
        }

        Interlocked.Exchange(ref status, Idle);
        if ((systemQueue.HasItems || (HasUserWork && (CanProcessUserMessages || lifecycle == Stopped)))
            && Interlocked.CompareExchange(ref status, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private async Task AwaitReceiveThenRunAsync(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            HandleInvokeFailure(exception);
        }

        current = default;
        Run();
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        var unstashed = extras?.Unstashed;
        if (unstashed is { Count: > 0 })
        {
            envelope = unstashed.Dequeue();
            return true;
        }

        return userQueue.TryDequeue(out envelope);
    }

    private void ProcessSystemMessages()
    {
        while (systemQueue.TryDequeue(out var message))
        {
            if (lifecycle == Stopped)
            {
                HandleSystemMessageWhenStopped(message);
            }
            else
            {
                HandleSystemMessage(message);
            }
        }
    }

    /// <summary>After the end: user messages become dead letters, late watchers are told at once.</summary>
    private void DrainToDeadLetters()
    {
        while (TryDequeueUser(out var envelope))
        {
            system.PublishDeadLetter(envelope.Message, envelope.Sender, this);
        }
    }
}
