namespace QueueActors.Actors.Relay;

/// <summary>
/// Rows one relay holds: no other relay gets them until the claim completes or is given back. Disposing
/// without <see cref="CompleteAsync"/> gives every row back (or leaves it to its claim running out).
/// </summary>
internal interface IRelayClaim : IAsyncDisposable
{
    /// <summary>The claimed rows, in the order they are published.</summary>
    IReadOnlyList<RelayRow> Rows { get; }

    /// <summary>Deletes the rows whose ids are in <paramref name="done"/> (published and confirmed) and gives back the others.</summary>
    Task CompleteAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken);
}
