using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Scheduling;

/// <summary>
/// Due rows a scheduled-event relay claimed until <see cref="SchedulingSettings.ClaimTimeout"/>. Completing deletes
/// the relayed rows and releases the others at once (not after their claim), so the next round takes them again;
/// so does disposing without completing (no row was published).
/// </summary>
internal sealed class ScheduledClaim(IScheduledEventsRelayStore store, IReadOnlyList<RelayRow> rows) : IRelayClaim
{
    private bool _settled;

    public IReadOnlyList<RelayRow> Rows => rows;

    public async Task CompleteAsync(IReadOnlyCollection<long> done, CancellationToken cancellationToken)
    {
        _settled = true; // a store that failed here is not tried again by DisposeAsync: the claims run out on their own
        foreach (var row in rows)
        {
            await (done.Contains(row.Id) ? store.DeleteAsync(row.Id, cancellationToken) : store.ReleaseAsync(row.Id, cancellationToken)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_settled)
        {
            await CompleteAsync([], CancellationToken.None).ConfigureAwait(false);
        }
    }
}
