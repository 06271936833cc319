using System.Collections.Frozen;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Sites;

/// <summary>
/// What a node needs to serve one site: whether it runs, which queues, which of them are broken out onto their
/// own broker queue <c>qa.&lt;site&gt;.&lt;queue&gt;</c>, per-queue concurrency, and the XMPP account it sends as.
/// Declared in HOCON (<see cref="SitesSettings"/>) or kept by the <see cref="SiteRegistry"/>.
/// </summary>
public sealed record SiteDefinition
{
    /// <summary>The site's name (<see cref="QueueNames.IsValidSite"/>).</summary>
    public required string Name { get; init; }

    /// <summary>False: the definition is kept, but no supervisors run for the site.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The logical queues processed for the site; empty: every queue.</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>Queues of the site broken out onto <c>qa.&lt;site&gt;.&lt;queue&gt;</c> (among <see cref="Queues"/> when that is not empty).</summary>
    public IReadOnlyList<string> Breakout { get; init; } = [];

    /// <summary>Handler actors per queue for this site, where they differ from the queue's settings.</summary>
    public IReadOnlyDictionary<string, int> Concurrency { get; init; } = FrozenDictionary<string, int>.Empty;

    /// <summary>The XMPP account (a JID, <c>user@domain</c>) the site sends as; null: the XMPP output's own account.</summary>
    public string? Xmpp { get; init; }

    /// <summary>Whether the site processes <paramref name="queue"/>.</summary>
    public bool HasQueue(string queue) => Queues.Count == 0 || Queues.Contains(queue, StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the site, the field and the rule it breaks.</summary>
    public SiteDefinition Validate() => Problem() is { } problem ? throw new ArgumentException(problem) : this;

    /// <summary>The first rule the definition breaks, as a sentence naming the site and the field; null when valid.</summary>
    public string? Problem()
    {
        if (!QueueNames.IsValidSite(Name))
        {
            return $"'{Shorten(Name)}' is not a valid site name: 1 to {QueueNames.MaxLength} ASCII letters, digits, '-', '_' or '.', starting with a letter or digit.";
        }

        if ((QueueListProblem("queues", Queues) ?? QueueListProblem("breakout", Breakout)) is { } listProblem)
        {
            return listProblem;
        }

        if (BreakoutOutsideQueues(Queues, Breakout) is { } outside)
        {
            return $"Site {Name}: breakout: queue {outside} is not among the site's queues ({string.Join(", ", Queues)}).";
        }

        if (Concurrency is null)
        {
            return $"Site {Name}: concurrency: a map of queue names to handler counts is required (it may be empty).";
        }

        foreach (var (queue, count) in Concurrency)
        {
            if (!QueueNames.IsValidQueue(queue))
            {
                return $"Site {Name}: concurrency: '{Shorten(queue)}' is not a valid queue name ({QueueRule}).";
            }

            if (count is < 1 or > ushort.MaxValue)
            {
                return $"Site {Name}: concurrency of {queue} must be from 1 to {ushort.MaxValue}, not {count}.";
            }
        }

        return Xmpp is not null && !IsJid(Xmpp)
            ? $"Site {Name}: xmpp: '{Shorten(Xmpp)}' is not a JID (user@domain, optionally /resource, no spaces)."
            : null;
    }

    private string? QueueListProblem(string field, IReadOnlyList<string>? queues) =>
        queues is null ? $"Site {Name}: {field}: a list of queue names is required (it may be empty)."
        : queues.FirstOrDefault(q => !QueueNames.IsValidQueue(q)) is { } bad ? $"Site {Name}: {field}: '{Shorten(bad)}' is not a valid queue name ({QueueRule})."
        : null;

    internal const string QueueRule = "letters, digits, '-', '_'";

    /// <summary>A breakout queue that the site does not process (only when it lists its queues); null when none.</summary>
    internal static string? BreakoutOutsideQueues(IReadOnlyList<string> queues, IReadOnlyList<string> breakout) =>
        queues.Count == 0 ? null : breakout.FirstOrDefault(q => !queues.Contains(q, StringComparer.Ordinal));

    /// <summary><c>local@domain</c> or <c>local@domain/resource</c>: no spaces, one '@', non-empty parts.</summary>
    internal static bool IsJid(string value)
    {
        if (value.Length is 0 or > 3071 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var bare = slash < 0 ? value : value[..slash];
        return at > 0 && at == bare.LastIndexOf('@') && at < bare.Length - 1 && (slash < 0 || slash < value.Length - 1);
    }

    private static string Shorten(string? value) => value is null ? "(null)" : value.Length > QueueNames.MaxLength ? value[..QueueNames.MaxLength] + "…" : value;
}
