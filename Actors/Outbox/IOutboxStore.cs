using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Outbox;

/// <summary>The relay's side of an outbox table: claim committed rows (oldest first), and wait for new ones.</summary>
internal interface IOutboxStore : IAsyncDisposable
{
    /// <summary>Claims up to <paramref name="batchSize"/> committed rows that no other relay holds, oldest first.</summary>
    Task<IRelayClaim> ClaimAsync(int batchSize, CancellationToken cancellationToken);

    /// <summary>Returns when rows may have been committed since the last claim, or after <paramref name="pollInterval"/>.</summary>
    Task WaitForRowsAsync(TimeSpan pollInterval, CancellationToken cancellationToken);
}
