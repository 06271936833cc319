namespace QueueActors.Actors.Config.Hocon;

internal enum HoconTokenKind
{
    EndOfFile,
    Newline,
    Whitespace,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    QuotedString,
    Unquoted,
    Number,
    Substitution,
}
