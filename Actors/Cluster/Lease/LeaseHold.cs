namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// What holds a <see cref="HeldWhileOpenLease"/>: a connection (or file handle) of its own whose life is the
/// lease's. Disposing it frees the lease; so does the death of the process, because the backend frees
/// what a closed connection held.
/// </summary>
internal abstract class LeaseHold : IAsyncDisposable
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the connection is open as far as this process knows (no I/O).</summary>
    public abstract bool IsOpen { get; }

    /// <summary>Completes when the backend or the client library reports the connection closed.</summary>
    public Task Closed => _closed.Task;

    /// <summary>One round trip that fails unless the backend still holds the lease for this connection.</summary>
    public abstract Task CheckAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>For the connection's shutdown events.</summary>
    protected void MarkClosed() => _closed.TrySetResult();
}
