using Akka.Actor;
using Akka.Coordination;
using Akka.Event;

namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// An Akka.Coordination lease that is held for as long as a connection of its own stays open, so the
/// death of the holder's process frees it at once (the backend drops what a closed connection held), with
/// no expiry to wait for. Acquire and Release are serialized and time out after
/// <c>lease-operation-timeout</c> (<see cref="LeaseTimeoutException"/>); a backend that cannot be reached
/// fails them with <see cref="LeaseException"/> (the split brain resolver then counts the lease as not
/// acquired). While held, the connection is checked every <c>heartbeat-interval</c>: if it is lost, the
/// lease is no longer held (<see cref="CheckLease"/> false) and the lease-lost callback, if any, is told.
/// When the actor system terminates the lease is released.
/// </summary>
public abstract class HeldWhileOpenLease : Akka.Coordination.Lease
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Holding? _holding;

    /// <param name="settings">Given by Akka's <see cref="LeaseProvider"/>: the lease's name, owner and config block.</param>
    /// <param name="system">The actor system the lease belongs to.</param>
    protected HeldWhileOpenLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        Log = Logging.GetLogger(system, GetType());
        _ = system.WhenTerminated.ContinueWith(_ => Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap()
            .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Akka's log of the lease (it flows to the node's logging).</summary>
    protected ILoggingAdapter Log { get; }

    /// <summary>What this lease is held on, for log lines (never a password).</summary>
    protected abstract string Resource { get; }

    /// <inheritdoc />
    public override Task<bool> Acquire() => Acquire(null!);

    /// <inheritdoc />
    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        using var timeout = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
        await EnterAsync("acquire", timeout.Token).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _holding) is { } current)
            {
                if (current.Hold.IsOpen && !current.Hold.Closed.IsCompleted)
                {
                    current.LostCallback = leaseLostCallback ?? current.LostCallback;
                    return true;
                }

                await LoseAsync(current, new LeaseException($"Lease {Settings.LeaseName}: the connection to {Resource} was closed.")).ConfigureAwait(false);
            }

            var hold = await TakeAsync(timeout.Token).ConfigureAwait(false);
            if (hold is null)
            {
                Log.Debug("Lease {0} on {1} is held by another owner", Settings.LeaseName, Resource);
                return false;
            }

            var holding = new Holding(hold, leaseLostCallback);
            Volatile.Write(ref _holding, holding);
            _ = Task.Run(() => WatchAsync(holding));
            Log.Info("Lease {0} on {1} acquired by {2}", Settings.LeaseName, Resource, Settings.OwnerName);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Releases the lease: true once this owner no longer holds it, also when it did not hold it (never acquired,
    /// already released, or lost with its connection). Akka's split brain resolver asks again every second until
    /// it is told true, so "not held" must not read as a failure.
    /// </summary>
    public override async Task<bool> Release()
    {
        using var timeout = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
        await EnterAsync("release", timeout.Token).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _holding, null) is not { } holding)
            {
                return true;
            }

            await holding.Stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await holding.Hold.DisposeAsync().AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new LeaseTimeoutException($"Lease {Settings.LeaseName}: releasing it on {Resource} took longer than {Settings.TimeoutSettings.OperationTimeout}.");
            }

            Log.Info("Lease {0} on {1} released by {2}", Settings.LeaseName, Resource, Settings.OwnerName);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override bool CheckLease() =>
        Volatile.Read(ref _holding) is { } holding && holding.Hold.IsOpen && !holding.Hold.Closed.IsCompleted;

    /// <summary>
    /// Takes the lease on a new connection: the hold, or null if another owner holds it (certainly). Throws if
    /// the backend cannot say. Must free whatever it opened when it fails or is cancelled.
    /// </summary>
    private protected abstract Task<LeaseHold?> TryTakeAsync(CancellationToken cancellationToken);

    private async Task EnterAsync(string operation, CancellationToken timeout)
    {
        try
        {
            await _gate.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new LeaseTimeoutException($"Lease {Settings.LeaseName}: {operation} waited longer than {Settings.TimeoutSettings.OperationTimeout} for the operation before it.");
        }
    }

    /// <summary>
    /// <see cref="TryTakeAsync"/> within the operation timeout, even if the client library ignores the token:
    /// a hold that arrives too late is disposed, so the lease is not kept by nobody.
    /// </summary>
    private async Task<LeaseHold?> TakeAsync(CancellationToken timeout)
    {
        Task<LeaseHold?> take;
        try
        {
            take = TryTakeAsync(timeout);
        }
        catch (Exception ex)
        {
            take = Task.FromException<LeaseHold?>(ex); // thrown before the first await
        }

        try
        {
            return await take.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _ = take.ContinueWith(t => t.IsCompletedSuccessfully && t.Result is { } late ? late.DisposeAsync().AsTask() : Task.CompletedTask, TaskScheduler.Default).Unwrap()
                .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new LeaseTimeoutException($"Lease {Settings.LeaseName}: {Resource} did not answer within {Settings.TimeoutSettings.OperationTimeout}.");
        }
        catch (Exception ex) when (ex is not LeaseException)
        {
            throw new LeaseException($"Lease {Settings.LeaseName}: could not reach {Resource} ({ex.GetType().Name}: {ex.Message}).", ex);
        }
    }

    /// <summary>Checks the connection every heartbeat-interval, and at once when it reports itself closed.</summary>
    private async Task WatchAsync(Holding holding)
    {
        var stopping = holding.Stopping.Token;
        while (true)
        {
            try
            {
                await Task.WhenAny(holding.Hold.Closed, Task.Delay(Settings.TimeoutSettings.HeartbeatInterval, stopping)).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
                using var check = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                check.CancelAfter(Settings.TimeoutSettings.OperationTimeout);
                if (holding.Hold.Closed.IsCompleted || !holding.Hold.IsOpen)
                {
                    throw new LeaseException($"Lease {Settings.LeaseName}: the connection to {Resource} was closed.");
                }

                await holding.Hold.CheckAsync(check.Token).WaitAsync(check.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                await LoseAsync(holding, ex as LeaseException ?? new LeaseException($"Lease {Settings.LeaseName}: lost the connection to {Resource} ({ex.GetType().Name}: {ex.Message}).", ex)).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>The lease is no longer held: forgets the hold (once), closes it and tells the callback.</summary>
    private async Task LoseAsync(Holding holding, LeaseException reason)
    {
        if (Interlocked.CompareExchange(ref _holding, null, holding) != holding)
        {
            return;
        }

        await holding.Stopping.CancelAsync().ConfigureAwait(false);
        Log.Warning("Lease {0} on {1} lost by {2}: {3}", Settings.LeaseName, Resource, Settings.OwnerName, reason.Message);
        try
        {
            await holding.Hold.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("Lease {0}: closing the lost connection failed: {1}", Settings.LeaseName, ex.Message);
        }

        try
        {
            holding.LostCallback?.Invoke(reason);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "Lease {0}: the lease-lost callback failed", Settings.LeaseName);
        }
    }

    private sealed class Holding(LeaseHold hold, Action<Exception>? lostCallback)
    {
        public LeaseHold Hold { get; } = hold;

        public CancellationTokenSource Stopping { get; } = new();

        public Action<Exception>? LostCallback { get; set; } = lostCallback;
    }
}
