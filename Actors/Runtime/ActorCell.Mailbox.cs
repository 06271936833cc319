namespace QueueActors.Actors.Runtime;

/// <summary>
/// Scheduling the mailbox (see <see cref="Mailbox"/>). A producer enqueues, then moves the status
/// from Idle to Scheduled; whoever wins queues the cell on the thread pool. After a turn the cell
/// goes Idle with a full fence and looks at its queues again, so a message enqueued during the turn
/// is never left without a run (no lost wake-up).
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private readonly Mailbox mailbox = new();
    private bool suspended;

    private bool HasUserWork => mailbox.HasUserMessages || extras?.Unstashed?.Count > 0;

    private bool CanProcessUserMessages => !suspended && lifecycle == Running;

    private void TrySchedule()
    {
        // The plain read first: a busy actor is usually Scheduled already, and a failed CAS would still
        // take the cache line exclusively from the thread running it.
        if (Volatile.Read(ref mailbox.Status) == Mailbox.Idle
            && Interlocked.CompareExchange(ref mailbox.Status, Mailbox.Scheduled, Mailbox.Idle) == Mailbox.Idle)
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

            if (!CanProcessUserMessages)
            {
                break;
            }

            if (budget-- == 0 && HasUserWork)
            {
                // Yield the thread with work left: stay Scheduled and queue behind the others.
                mailbox.Current = default;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            if (budget < 0 || !TryDequeueUser(out var envelope))
            {
                break;
            }

            var pending = Invoke(envelope);
            if (!pending.IsCompletedSuccessfully)
            {
                _ = AwaitReceiveThenRunAsync(pending);
                return;
            }
        }

        // Cleared once per turn rather than per message: each clear is two GC write barriers.
        mailbox.Current = default;
        Interlocked.Exchange(ref mailbox.Status, Mailbox.Idle);
        if ((mailbox.HasSystemMessages || (HasUserWork && (CanProcessUserMessages || lifecycle == Stopped)))
            && Interlocked.CompareExchange(ref mailbox.Status, Mailbox.Scheduled, Mailbox.Idle) == Mailbox.Idle)
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

        return mailbox.TryDequeueUser(out envelope);
    }

    private void ProcessSystemMessages()
    {
        while (mailbox.TryDequeueSystem(out var message))
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
