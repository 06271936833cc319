namespace QueueActors.Actors.Messaging;

/// <summary>
/// Whether the topology knows the sites yet. A node starts its processing before it has applied the sites of its
/// configuration and of the site registry (which answers only once a seed is up); a publish in that window would
/// miss a site's breakout and put the event on the shared queue, where the shared consumer takes it. So a node calls
/// <see cref="AwaitSites"/> before anything can publish and <see cref="SitesKnown"/> once the sites are applied;
/// publishers wait for that (<see cref="WhenSitesKnownAsync"/>) and refuse after the patience given, rather than guess.
/// A topology nobody calls <see cref="AwaitSites"/> on (tests, commands) routes at once.
/// </summary>
public sealed partial class QueueTopology
{
    private TaskCompletionSource? _sitesPending;
    private TimeSpan _patience;

    /// <summary>Publishers wait for <see cref="SitesKnown"/> from now on, at most <paramref name="patience"/> each.</summary>
    public void AwaitSites(TimeSpan patience)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(patience, TimeSpan.Zero);
        _patience = patience;
        Volatile.Write(ref _sitesPending, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The sites are applied: publishers waiting go on, later ones do not wait.</summary>
    public void SitesKnown() => Interlocked.Exchange(ref _sitesPending, null)?.TrySetResult();

    /// <summary>Completes when the sites are known (at once when nobody awaits them).</summary>
    /// <exception cref="SitesUnknownException">They were not known within the patience.</exception>
    public ValueTask WhenSitesKnownAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _sitesPending) is { } pending ? WaitAsync(pending.Task, cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask WaitAsync(Task known, CancellationToken cancellationToken)
    {
        try
        {
            await known.WaitAsync(_patience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new SitesUnknownException(_patience);
        }
    }
}
