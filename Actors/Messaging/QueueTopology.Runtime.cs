using System.Collections.Frozen;
using System.Collections.Immutable;

namespace QueueActors.Actors.Messaging;

/// <summary>
/// Runtime breakout: an overlay on the configured rules, one entry per site (the <c>site/queue</c> rules of
/// a site definition). Readers (every publish) see one immutable snapshot without a lock; writers swap it
/// atomically. Each node keeps its own: the control channel calls <see cref="SetSiteBreakout"/> on every
/// node so that its publishers route the site's events to <c>qa.&lt;site&gt;.&lt;queue&gt;</c>.
/// </summary>
public sealed partial class QueueTopology
{
    private ImmutableDictionary<string, FrozenSet<string>> _runtime = ImmutableDictionary.Create<string, FrozenSet<string>>(StringComparer.Ordinal);
    private ImmutableHashSet<string> _disabled = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The runtime breakout rules: site → its broken-out queues (configured rules not included).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> RuntimeBreakout =>
        Volatile.Read(ref _runtime).ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);

    /// <summary>
    /// Replaces the runtime breakout of <paramref name="site"/>: from now on its events on these queues go to
    /// <c>qa.&lt;site&gt;.&lt;queue&gt;</c>, and on the others to the shared queue again (unless a configured
    /// rule breaks them out). An empty list removes the site's runtime rules. Thread-safe; takes effect for
    /// the next publish on this node.
    /// </summary>
    /// <exception cref="ArgumentException">The site or a queue name is not valid.</exception>
    public void SetSiteBreakout(string site, IEnumerable<string> queues)
    {
        QueueNames.ValidateSite(site);
        ArgumentNullException.ThrowIfNull(queues);
        var set = queues.Select(QueueNames.ValidateQueue).ToFrozenSet(StringComparer.Ordinal);
        if (set.Count == 0)
        {
            ImmutableInterlocked.TryRemove(ref _runtime, site, out _);
        }
        else
        {
            ImmutableInterlocked.AddOrUpdate(ref _runtime, site, set, (_, _) => set);
        }
    }

    /// <summary>
    /// Marks <paramref name="site"/> disabled (no node runs its supervisors) or enabled again. Publishers refuse a
    /// disabled site's events for a shared queue (<see cref="SiteDisabledException"/>): the shared consumer would
    /// handle them anyway; on the site's own breakout queues they wait. Thread-safe; takes effect for the next publish.
    /// </summary>
    /// <exception cref="ArgumentException">The site name is not valid.</exception>
    public void SetSiteEnabled(string site, bool enabled)
    {
        QueueNames.ValidateSite(site);
        if (enabled)
        {
            ImmutableInterlocked.Update(ref _disabled, set => set.Remove(site));
        }
        else
        {
            ImmutableInterlocked.Update(ref _disabled, set => set.Add(site));
        }
    }

    /// <summary>Whether publishers take the site's events (false after <see cref="SetSiteEnabled"/> with false).</summary>
    public bool IsSiteEnabled(string site) => !Volatile.Read(ref _disabled).Contains(site);
}
