using System.Collections.Frozen;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Sites;

/// <summary>
/// The sites declared in HOCON: <c>queueactors.sites</c>, one object per site keyed by its name, each key it leaves
/// out taken from <c>queueactors.site-defaults</c>. Every broken rule is an error naming file, line and key, e.g.
/// <c>app.conf:7:20: queueactors.sites."example.com".queues: expected queue names …</c>.
/// </summary>
public sealed record SitesSettings
{
    /// <summary>The HOCON section of the sites.</summary>
    public const string Section = "queueactors.sites";

    /// <summary>The HOCON section every site falls back to.</summary>
    public const string DefaultsSection = "queueactors.site-defaults";

    /// <summary>The declared sites, ordered by name.</summary>
    public required IReadOnlyList<SiteDefinition> Sites { get; init; }

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static SitesSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        var defaults = config.GetConfig(DefaultsSection);
        var sites = new List<SiteDefinition>();
        foreach (var name in section.Keys.Order(StringComparer.Ordinal))
        {
            var key = HoconPath.Render([name]); // a site name may hold dots: quoted, it stays one key
            if (!QueueNames.IsValidSite(name))
            {
                throw section.InvalidValue(key, "settings under a valid site name (letters, digits, '-', '_', '.')");
            }

            sites.Add(BindSite(name, section.GetConfig(key).WithFallback(defaults)));
        }

        return new SitesSettings { Sites = sites };
    }

    private static SiteDefinition BindSite(string name, HoconConfig site)
    {
        var queues = QueueList(site, "queues");
        var breakout = QueueList(site, "breakout");
        if (SiteDefinition.BreakoutOutsideQueues(queues, breakout) is { } outside)
        {
            throw site.InvalidValue("breakout", $"queues among the site's queues ({outside} is not one of {string.Join(", ", queues)})");
        }

        var xmpp = site.GetString("xmpp");
        if (xmpp.Length > 0 && !SiteDefinition.IsJid(xmpp))
        {
            throw site.InvalidValue("xmpp", "a JID (user@domain, optionally /resource) or an empty string");
        }

        return new SiteDefinition
        {
            Name = name,
            Enabled = site.GetBool("enabled"),
            Queues = queues,
            Breakout = breakout,
            Concurrency = BindConcurrency(site.GetConfig("concurrency")),
            Xmpp = xmpp.Length > 0 ? xmpp : null,
        };
    }

    private static IReadOnlyList<string> QueueList(HoconConfig site, string path)
    {
        var names = site.GetStringList(path);
        return names.All(QueueNames.IsValidQueue) ? names : throw site.InvalidValue(path, $"queue names ({SiteDefinition.QueueRule})");
    }

    private static FrozenDictionary<string, int> BindConcurrency(HoconConfig concurrency)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in concurrency.Keys)
        {
            var key = HoconPath.Render([queue]);
            if (!QueueNames.IsValidQueue(queue))
            {
                throw concurrency.InvalidValue(key, $"handler counts under valid queue names ({SiteDefinition.QueueRule})");
            }

            counts[queue] = SettingRules.IntAtLeast(concurrency, key, 1);
        }

        return counts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
