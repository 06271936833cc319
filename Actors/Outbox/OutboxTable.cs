using System.Text.RegularExpressions;

namespace QueueActors.Actors.Outbox;

/// <summary>The name of an outbox table: it is written into SQL text, so only a plain identifier is accepted.</summary>
public static partial class OutboxTable
{
    /// <summary>The table name when none is configured.</summary>
    public const string DefaultName = "queueactors_outbox";

    /// <summary>Returns <paramref name="name"/> when it is a plain lower-case SQL identifier (also the PostgreSQL NOTIFY channel).</summary>
    /// <exception cref="ArgumentException">Anything else: quoting, schema prefixes and upper case are not supported.</exception>
    public static string Validate(string name) =>
        name is not null && Identifier().IsMatch(name)
            ? name
            : throw new ArgumentException($"The outbox table name '{name}' is not valid: use lower-case letters, digits and '_' (at most 63, starting with a letter or '_').", nameof(name));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
