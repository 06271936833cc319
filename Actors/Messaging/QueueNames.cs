namespace QueueActors.Actors.Messaging;

/// <summary>
/// What a site or a logical queue may be called: short ASCII names that are safe in a broker queue name
/// (<c>qa.&lt;site&gt;.&lt;queue&gt;</c>), an actor path and a file name. Queue names have no dot, so a
/// breakout name reads back unambiguously.
/// </summary>
public static class QueueNames
{
    /// <summary>The longest site or queue name.</summary>
    public const int MaxLength = 64;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="site"/> is letters, digits, '-', '_' and '.'.</summary>
    public static string ValidateSite(string site) => Validate(site, "site", allowDot: true);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="queue"/> is letters, digits, '-' and '_'.</summary>
    public static string ValidateQueue(string queue) => Validate(queue, "queue", allowDot: false);

    /// <summary>True when <paramref name="name"/> is a valid site name.</summary>
    public static bool IsValidSite(string? name) => IsValid(name, allowDot: true);

    /// <summary>True when <paramref name="name"/> is a valid queue name.</summary>
    public static bool IsValidQueue(string? name) => IsValid(name, allowDot: false);

    private static string Validate(string name, string what, bool allowDot)
    {
        ArgumentNullException.ThrowIfNull(name, what);
        return IsValid(name, allowDot)
            ? name
            : throw new ArgumentException(
                $"'{(name.Length > MaxLength ? name[..MaxLength] + "…" : name)}' is not a valid {what} name: 1 to {MaxLength} ASCII letters, digits, '-', '_'{(allowDot ? " or '.'" : " (no '.')")}, starting with a letter or digit.",
                what);
    }

    private static bool IsValid(string? name, bool allowDot)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && !(allowDot && c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
