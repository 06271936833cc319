namespace QueueActors.Actors.Push;

/// <summary>
/// Where a pushed event goes: the clients subscribed to a site (<c>site:&lt;site&gt;</c>), to one user of a site
/// (<c>user:&lt;site&gt;:&lt;id&gt;</c>) or to a topic of a site (<c>topic:&lt;site&gt;:&lt;name&gt;</c>). The
/// <see cref="Name"/> is what a client asks for (<c>/push/sse?channel=site:42</c>) and the owner's entity id.
/// </summary>
public sealed record PushChannel
{
    private PushChannel(string name) => Name = name;

    /// <summary>The channel's name, e.g. <c>site:42</c>.</summary>
    public string Name { get; }

    /// <summary>Every client of <paramref name="site"/>.</summary>
    public static PushChannel Site(string site) => new("site:" + Part(site, nameof(site), allowColon: false));

    /// <summary>The clients of one user of <paramref name="site"/>.</summary>
    public static PushChannel User(string site, string id) => new($"user:{Part(site, nameof(site), allowColon: false)}:{Part(id, nameof(id), allowColon: false)}");

    /// <summary>The clients following topic <paramref name="name"/> of <paramref name="site"/> (any text but control characters).</summary>
    public static PushChannel Topic(string site, string name) => new($"topic:{Part(site, nameof(site), allowColon: false)}:{Part(name, nameof(name), allowColon: true)}");

    /// <summary>Reads a channel's name as a client gives it.</summary>
    /// <exception cref="ArgumentException">Not <c>site:s</c>, <c>user:s:id</c> or <c>topic:s:name</c>.</exception>
    public static PushChannel Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split(':', 3);
        return parts switch
        {
            ["site", var site] => Site(site),
            ["user", var site, var rest] when !rest.Contains(':', StringComparison.Ordinal) => User(site, rest),
            ["topic", var site, var rest] => Topic(site, rest),
            _ => throw new ArgumentException($"channel \"{Printable(name)}\" is none of site:<site>, user:<site>:<id>, topic:<site>:<name>", nameof(name)),
        };
    }

    public override string ToString() => Name;

    private static string Part(string value, string what, bool allowColon)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Length == 0 || value.Length > 200 || value.Any(char.IsControl) || (!allowColon && value.Contains(':', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"a channel's {what} must be 1-200 characters, no control characters{(allowColon ? "" : " and no ':'")}: \"{Printable(value)}\"", what);
        }

        return value;
    }

    private static string Printable(string value) => new([.. value.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
