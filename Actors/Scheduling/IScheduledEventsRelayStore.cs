using QueueActors.Actors.Relay;

namespace QueueActors.Actors.Scheduling;

/// <summary>What <see cref="ScheduledEventRelay"/> needs of a database store beyond <see cref="IScheduledEvents"/>.</summary>
public interface IScheduledEventsRelayStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due rows until <paramref name="until"/>, soonest first; rows claimed by
    /// another relay whose claim has not run out are skipped (a relay killed mid-way lets go when its claim runs out).
    /// </summary>
    Task<IReadOnlyList<RelayRow>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset until, int max, CancellationToken cancellationToken);

    /// <summary>Deletes a relayed row.</summary>
    Task DeleteAsync(long id, CancellationToken cancellationToken);

    /// <summary>Makes a claimed row claimable again (its publish failed).</summary>
    Task ReleaseAsync(long id, CancellationToken cancellationToken);

    /// <summary>The next time a row becomes claimable (due, or its claim runs out); null when none is held.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}
