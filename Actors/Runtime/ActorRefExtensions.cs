namespace QueueActors.Actors.Runtime;

/// <summary>Request/reply and stop-and-wait on top of Tell.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary ref as sender and waits for the first reply.
    /// A <see cref="Status.Failure"/> reply is thrown; no reply in time throws <see cref="AskTimeoutException"/>
    /// naming the target and the timeout.
    /// </summary>
    public static async Task<T> AskAsync<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var system = SystemOf(target);
        var wait = timeout ?? system.Settings.AskTimeout;
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var replyTo = system.CreateFunctionRef((response, _) => reply.TrySetResult(response));
        try
        {
            target.Tell(message, replyTo);
            var response = await reply.Task.WaitAsync(wait, system.TimeProvider, cancellationToken).ConfigureAwait(false);
            return response switch
            {
                T value => value,
                Status.Failure failure => throw failure.Cause,
                _ => throw new InvalidCastException($"Ask to {target.Path} expected a {typeof(T).Name} reply but got a {response.GetType().Name}"),
            };
        }
        catch (TimeoutException) when (!reply.Task.IsCompleted)
        {
            throw new AskTimeoutException($"Ask to {target.Path} timed out after {wait.TotalMilliseconds:0} ms waiting for a {typeof(T).Name}");
        }
        finally
        {
            replyTo.Stop();
        }
    }

    /// <summary>
    /// Sends <paramref name="stopMessage"/> (a <see cref="PoisonPill"/> by default) and waits until the actor
    /// and its children have stopped: true if that happened within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStopAsync(this IActorRef target, TimeSpan timeout, object? stopMessage = null, CancellationToken cancellationToken = default)
    {
        var system = SystemOf(target);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.CreateFunctionRef((message, _) =>
        {
            if (message is Terminated)
            {
                stopped.TrySetResult();
            }
        });
        try
        {
            watcher.Watch(target);
            target.Tell(stopMessage ?? PoisonPill.Instance);
            await stopped.Task.WaitAsync(timeout, system.TimeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            watcher.Stop();
        }
    }

    private static ActorSystem SystemOf(IActorRef target) => (target as IInternalActorRef)?.System
        ?? throw new ArgumentException($"{target} is not a ref of this runtime", nameof(target));
}
