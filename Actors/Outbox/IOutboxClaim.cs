namespace QueueActors.Actors.Outbox;

/// <summary>
/// Rows one relay holds: no other relay gets them until the claim completes or is given back. Disposing
/// without <see cref="CompleteAsync"/> gives every row back.
/// </summary>
internal interface IOutboxClaim : IAsyncDisposable
{
    /// <summary>The claimed rows, oldest first.</summary>
    IReadOnlyList<OutboxRow> Rows { get; }

    /// <summary>Deletes the rows in <paramref name="done"/> (published and confirmed) and gives back the others.</summary>
    Task CompleteAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken);
}
