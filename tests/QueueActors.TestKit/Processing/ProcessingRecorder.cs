using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.DeadLetters;
using Xunit.Sdk;

namespace QueueActors.TestKit.Processing;

/// <summary>
/// Records what became of events (handled, retried, dead-lettered) and lets a test wait for it: each
/// WaitFor method returns as soon as the record is there, or fails after a dilated timeout. Register it as
/// an <see cref="IProcessingObserver"/>; the harnesses do.
/// </summary>
public sealed class ProcessingRecorder : IProcessingObserver
{
    private readonly Lock _gate = new();
    private readonly List<HandledEvent> _handled = [];
    private readonly List<RetriedEvent> _retried = [];
    private readonly List<DeadLetterRecord> _deadLettered = [];
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<HandledEvent> Handled => Snapshot(_handled);

    public IReadOnlyList<RetriedEvent> Retried => Snapshot(_retried);

    public IReadOnlyList<DeadLetterRecord> DeadLettered => Snapshot(_deadLettered);

    void IProcessingObserver.OnHandled(HandledEvent handled) => Add(_handled, handled);

    void IProcessingObserver.OnRetried(RetriedEvent retried) => Add(_retried, retried);

    void IProcessingObserver.OnDeadLettered(DeadLetterRecord record) => Add(_deadLettered, record);

    /// <summary>The handling of message <paramref name="messageId"/>.</summary>
    public Task<HandledEvent> WaitForHandledAsync(string messageId, TimeSpan? timeout = null) =>
        WaitForAsync(() => Find(_handled, h => h.Envelope.MessageId == messageId), $"message {messageId} to be handled", timeout);

    /// <summary>The retry of message <paramref name="messageId"/> that counted attempt <paramref name="attempt"/>.</summary>
    public Task<RetriedEvent> WaitForRetryAsync(string messageId, int attempt, TimeSpan? timeout = null) =>
        WaitForAsync(() => Find(_retried, r => r.Envelope.MessageId == messageId && r.Attempt == attempt), $"attempt {attempt} of message {messageId} to be retried", timeout);

    /// <summary>The dead letter of message <paramref name="messageId"/>.</summary>
    public Task<DeadLetterRecord> WaitForDeadLetterAsync(string messageId, TimeSpan? timeout = null) =>
        WaitForAsync(() => Find(_deadLettered, d => d.MessageId == messageId), $"message {messageId} to be dead-lettered", timeout);

    /// <summary>Waits until <paramref name="condition"/> holds over the records.</summary>
    public Task WaitUntilAsync(Func<ProcessingRecorder, bool> condition, string because, TimeSpan? timeout = null) =>
        WaitForAsync(() => condition(this) ? this : null, because, timeout);

    /// <summary>Fails if anything is recorded within <paramref name="window"/>.</summary>
    public async Task ExpectNothingAsync(TimeSpan? window = null)
    {
        var before = Count;
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }

        var wait = TestKitSettings.Dilated(window ?? TestKitSettings.DefaultNoMessageWindow);
        if (await Task.WhenAny(changed, Task.Delay(wait)).ConfigureAwait(false) == changed || Count != before)
        {
            throw new XunitException($"Expected nothing to happen within {wait.TotalMilliseconds:0} ms, but: {Describe()}");
        }
    }

    private int Count
    {
        get
        {
            lock (_gate)
            {
                return _handled.Count + _retried.Count + _deadLettered.Count;
            }
        }
    }

    private async Task<T> WaitForAsync<T>(Func<T?> find, string what, TimeSpan? timeout)
        where T : class
    {
        var limit = TestKitSettings.Dilated(timeout ?? TestKitSettings.DefaultTimeout);
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (find() is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new XunitException($"Waited {limit.TotalMilliseconds:0} ms for {what}; recorded: {Describe()}");
            }
        }
    }

    private static T? Find<T>(List<T> list, Func<T, bool> match) where T : class => list.FirstOrDefault(match);

    private string Describe()
    {
        lock (_gate)
        {
            return $"{_handled.Count} handled, {_retried.Count} retried ({string.Join(", ", _retried.Select(r => $"{r.Envelope.MessageId}#{r.Attempt}"))}), {_deadLettered.Count} dead-lettered ({string.Join(", ", _deadLettered.Select(d => $"{d.MessageId}:{d.Reason}"))})";
        }
    }

    private void Add<T>(List<T> list, T item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            list.Add(item);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToArray();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
