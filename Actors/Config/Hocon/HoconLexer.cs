using System.Text;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Turns HOCON text into tokens, tracking line and column for every one. Comments are dropped (the
/// newline that ends them is kept: newlines separate fields). Whitespace is kept as tokens because value
/// concatenation preserves the whitespace between parts.
/// </summary>
internal sealed partial class HoconLexer(string text, string file)
{
    private int index;
    private int line = 1;
    private int column = 1;

    private HoconPosition Here => new(file, line, column);

    public static List<HoconToken> Tokenize(string text, string file)
    {
        var lexer = new HoconLexer(text, file);
        var tokens = new List<HoconToken>();
        HoconToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != HoconTokenKind.EndOfFile);
        return tokens;
    }

    private HoconToken Next()
    {
        SkipComment();
        var start = Here;
        if (index >= text.Length)
        {
            return new(HoconTokenKind.EndOfFile, "", start);
        }

        var c = text[index];
        switch (c)
        {
            case '\n': return Single(HoconTokenKind.Newline);
            case '{': return Single(HoconTokenKind.OpenBrace);
            case '}': return Single(HoconTokenKind.CloseBrace);
            case '[': return Single(HoconTokenKind.OpenBracket);
            case ']': return Single(HoconTokenKind.CloseBracket);
            case ',': return Single(HoconTokenKind.Comma);
            case ':': return Single(HoconTokenKind.Colon);
            case '=': return Single(HoconTokenKind.Equals);
            case '"': return At(1) == '"' && At(2) == '"' ? ReadTripleQuoted() : ReadQuoted();
            case '$': return ReadSubstitution();
            case '+':
                if (At(1) != '=')
                {
                    throw Error(start, "expected '+=', found '+' (quote it to use it in a string)");
                }

                Advance(2);
                return new(HoconTokenKind.PlusEquals, "+=", start);
        }

        if (HoconCharacters.Reserved.Contains(c))
        {
            throw Error(start, $"'{c}' is reserved and cannot appear in an unquoted string: quote it");
        }

        if (HoconCharacters.IsWhitespace(c))
        {
            return new(HoconTokenKind.Whitespace, ReadWhile(HoconCharacters.IsWhitespace), start);
        }

        return HoconCharacters.IsDigit(c) || (c == '-' && HoconCharacters.IsDigit(At(1)))
            ? ReadNumber(start)
            : ReadUnquoted(start);
    }

    private void SkipComment()
    {
        if (At(0) == '#' || (At(0) == '/' && At(1) == '/'))
        {
            while (index < text.Length && text[index] != '\n')
            {
                Advance(1);
            }
        }
    }

    private HoconToken Single(HoconTokenKind kind)
    {
        var token = new HoconToken(kind, text[index].ToString(), Here);
        Advance(1);
        return token;
    }

    /// <summary>JSON number grammar (leading zeros tolerated); what follows without a space is a separate unquoted token, as in <c>10s</c>.</summary>
    private HoconToken ReadNumber(HoconPosition start)
    {
        var begin = index;
        if (At(0) == '-')
        {
            Advance(1);
        }

        ReadWhile(HoconCharacters.IsDigit);
        if (At(0) == '.' && HoconCharacters.IsDigit(At(1)))
        {
            Advance(1);
            ReadWhile(HoconCharacters.IsDigit);
        }

        if (At(0) is 'e' or 'E' && (HoconCharacters.IsDigit(At(1)) || (At(1) is '+' or '-' && HoconCharacters.IsDigit(At(2)))))
        {
            Advance(2);
            ReadWhile(HoconCharacters.IsDigit);
        }

        return new(HoconTokenKind.Number, text[begin..index], start);
    }

    private HoconToken ReadUnquoted(HoconPosition start)
    {
        var builder = new StringBuilder();
        while (index < text.Length && !HoconCharacters.EndsUnquoted(text[index]) && !(text[index] == '/' && At(1) == '/'))
        {
            builder.Append(text[index]);
            Advance(1);
        }

        return new(HoconTokenKind.Unquoted, builder.ToString(), start);
    }

    private string ReadWhile(Func<char, bool> accept)
    {
        var begin = index;
        while (index < text.Length && accept(text[index]))
        {
            Advance(1);
        }

        return text[begin..index];
    }

    private char At(int offset) => index + offset < text.Length ? text[index + offset] : '\0';

    private void Advance(int count)
    {
        for (var i = 0; i < count && index < text.Length; i++, index++)
        {
            if (text[index] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
    }

    private static HoconException Error(HoconPosition position, string message) => new(position, message);
}
