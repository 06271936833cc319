namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// One token. <see cref="Text"/> is the decoded text of strings, the raw text of numbers, unquoted strings
/// and whitespace. A substitution carries its parsed path and whether it is optional (<c>${?x}</c>).
/// </summary>
internal sealed record HoconToken(HoconTokenKind Kind, string Text, HoconPosition Position)
{
    public IReadOnlyList<string> SubstitutionPath { get; init; } = [];

    public bool Optional { get; init; }

    /// <summary>How the token reads in an error message ("'}'", "end of file", "'foo'").</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.EndOfFile => "end of file",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.QuotedString => $"\"{Text}\"",
        HoconTokenKind.Substitution => "a substitution",
        HoconTokenKind.PlusEquals => "'+='",
        _ => $"'{Text}'",
    };
}
