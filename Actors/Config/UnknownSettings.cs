namespace QueueActors.Actors.Config;

/// <summary>
/// A key under <c>queueactors</c> that no setting has (a typo, or a key at the wrong level such as
/// <c>queueactors.rabbitmq.servers</c>) would be ignored without a word and the node would start on defaults: it is
/// an error naming where it was written and the nearest key reference.conf knows. The known keys are
/// reference.conf's; under the maps whose keys are the user's (sites by name, queue overrides by queue,
/// handler counts by queue) each entry is checked against the keys of its template. At the top level a key a
/// typo away from <c>queueactors</c> or <c>akka</c> (<c>queueactor { … }</c>) is an error too; other top-level
/// keys are left alone, since a file may keep values there for its own substitutions.
/// </summary>
internal static class UnknownSettings
{
    private const string Root = "queueactors";

    /// <summary>Maps keyed by the user's names, and the template each entry's keys come from (null: any key holds a value).</summary>
    private static readonly (string[] Map, string[]? Template)[] UserMaps =
    [
        ([Root, "sites"], [Root, "site-defaults"]),
        ([Root, "processing", "queue-overrides"], [Root, "processing", "queue-defaults"]),
        ([Root, "site-defaults", "concurrency"], null),
        ([Root, "check", "backlog", "queues"], [Root, "check", "backlog"]),
        ([Root, "messaging", "partitions"], null),
    ];

    /// <summary>The top-level sections a node reads.</summary>
    private static readonly string[] Sections = [Root, "akka"];

    public static void ThrowIfAny(HoconConfig user, HoconConfig reference)
    {
        ThrowIfMisspeltSection(user);
        var known = reference.Sources.SelectMany(map => map.Entries).Where(entry => entry.Path.Count > 0 && entry.Path[0] == Root).ToList();
        var knownPaths = known.Select(entry => HoconPath.Render(entry.Path)).ToHashSet(StringComparer.Ordinal);
        var written = user.Sources.SelectMany(map => map.Entries).Where(entry => entry.Path.Count > 1 && entry.Path[0] == Root).ToList();

        // Leaves first: for queueactors { rabbitmq { servers = [...] } } the message is about servers, not about rabbitmq.
        foreach (var entry in written.Where(entry => !entry.IsObject).Concat(written.Where(entry => entry.IsObject)))
        {
            if (Canonical(entry.Path) is not var (canonical, applied) || knownPaths.Contains(HoconPath.Render(canonical)))
            {
                continue;
            }

            var candidates = known.Where(each => each.IsObject == entry.IsObject || !entry.IsObject).Select(each => HoconPath.Render(each.Path));
            var nearest = Nearest(HoconPath.Render(canonical), candidates.Where(candidate => !candidate.Equals(Root, StringComparison.Ordinal)));
            var suggestion = nearest is null ? "" : $"; did you mean {InUserTerms(nearest, applied)}?";
            throw new HoconException(entry.Key, $"expected a setting that QueueActors has (see reference.conf), found an unknown key{suggestion}", HoconPath.Render(entry.Path));
        }
    }

    private static void ThrowIfMisspeltSection(HoconConfig user)
    {
        foreach (var entry in user.Sources.SelectMany(map => map.Entries).Where(entry => entry.Path.Count > 0))
        {
            var key = entry.Path[0];
            if (!Sections.Contains(key, StringComparer.Ordinal) && Sections.FirstOrDefault(section => EditDistance(key, section) <= 2) is { } meant)
            {
                throw new HoconException(entry.Key, $"expected a section that QueueActors reads (queueactors or akka), found an unknown key; did you mean {meant}?", key);
            }
        }
    }

    /// <summary>The path with each user-map entry replaced by its template, and the replacements made; null when the path is a free map's value.</summary>
    private static (IReadOnlyList<string> Path, List<(string Template, string Written)> Applied)? Canonical(IReadOnlyList<string> path)
    {
        var current = path.ToList();
        var applied = new List<(string Template, string Written)>();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (map, template) in UserMaps)
            {
                if (current.Count <= map.Length || !current.Take(map.Length).SequenceEqual(map, StringComparer.Ordinal))
                {
                    continue;
                }

                if (template is null)
                {
                    return null;
                }

                applied.Add((HoconPath.Render(template), HoconPath.Render(current.Take(map.Length + 1))));
                current = [.. template, .. current.Skip(map.Length + 1)];
                changed = true;
            }
        }

        return (current, applied);
    }

    private static string InUserTerms(string suggestion, List<(string Template, string Written)> applied)
    {
        foreach (var (template, written) in Enumerable.Reverse(applied))
        {
            if (suggestion.StartsWith(template + ".", StringComparison.Ordinal))
            {
                suggestion = written + suggestion[template.Length..];
            }
        }

        return suggestion;
    }

    /// <summary>
    /// A known key that ends with what was written below <c>queueactors</c> (the key at the wrong level), the
    /// shortest such; otherwise the one at the smallest edit distance.
    /// </summary>
    private static string? Nearest(string written, IEnumerable<string> candidates)
    {
        var list = candidates.Distinct(StringComparer.Ordinal).ToList();
        var tail = "." + written[(Root.Length + 1)..];
        var moved = list.Where(candidate => candidate.EndsWith(tail, StringComparison.Ordinal)).OrderBy(candidate => candidate.Length).FirstOrDefault();
        return moved ?? list.OrderBy(candidate => EditDistance(written, candidate)).ThenBy(candidate => candidate, StringComparer.Ordinal).FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
