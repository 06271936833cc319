using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing;

/// <summary>
/// How one site is processed, applied at runtime with <see cref="ProcessingService.ApplySiteAsync"/> (the
/// control channel's <c>update:&lt;site&gt;</c>; a site registry's definition maps onto it).
/// </summary>
public sealed record SiteProcessing
{
    /// <summary>The site.</summary>
    public required string Name { get; init; }

    /// <summary>False: the site's supervisors stop; its breakout rules stay, so its events wait on its own queues.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The logical queues enabled for the site; empty: every queue handled. Breakout outside these is ignored.</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>The site's queues that get a broker queue of their own (<c>qa.&lt;site&gt;.&lt;queue&gt;</c>).</summary>
    public IReadOnlyList<string> Breakout { get; init; } = [];

    /// <summary>Handler actors per breakout queue of this site, overriding the node's settings for it.</summary>
    public IReadOnlyDictionary<string, int> Concurrency { get; init; } = new Dictionary<string, int>();

    /// <summary>The queues broken out for the site: <see cref="Breakout"/> within <see cref="Queues"/> (when given).</summary>
    public IReadOnlyList<string> EffectiveBreakout =>
        Queues.Count == 0 ? Breakout : Breakout.Where(q => Queues.Contains(q, StringComparer.Ordinal)).ToArray();

    /// <summary>Whether the site processes <paramref name="queue"/>.</summary>
    public bool HasQueue(string queue) => Queues.Count == 0 || Queues.Contains(queue, StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid part.</summary>
    public void Validate()
    {
        QueueNames.ValidateSite(Name);
        ArgumentNullException.ThrowIfNull(Queues);
        ArgumentNullException.ThrowIfNull(Breakout);
        ArgumentNullException.ThrowIfNull(Concurrency);
        foreach (var queue in Queues.Concat(Breakout).Concat(Concurrency.Keys))
        {
            QueueNames.ValidateQueue(queue);
        }

        if (Concurrency.FirstOrDefault(pair => pair.Value is < 1 or > ushort.MaxValue) is { Key: not null } bad)
        {
            throw new ArgumentException($"Site {Name}: concurrency of queue {bad.Key} is {bad.Value}; it must be from 1 to {ushort.MaxValue}.", nameof(Concurrency));
        }
    }
}
