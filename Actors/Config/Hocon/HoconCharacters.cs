namespace QueueActors.Actors.Config.Hocon;

/// <summary>Character classes of the HOCON spec.</summary>
internal static class HoconCharacters
{
    /// <summary>Characters that end an unquoted string (besides whitespace and "//").</summary>
    private const string NotInUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    /// <summary>Characters the spec reserves: they may not appear unquoted and mean nothing on their own.</summary>
    public const string Reserved = "`^?!@*&\\";

    /// <summary>Newline (only '\n' separates fields) is not whitespace here.</summary>
    public static bool IsWhitespace(char c) =>
        c != '\n' && (char.IsWhiteSpace(c) || c is '\uFEFF' || (c >= '\u001C' && c <= '\u001F'));

    public static bool EndsUnquoted(char c) => c == '\n' || IsWhitespace(c) || NotInUnquoted.Contains(c);

    public static bool IsDigit(char c) => c is >= '0' and <= '9';
}
