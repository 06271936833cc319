using System.Globalization;
using System.Text;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>Quoted strings (JSON escapes), triple-quoted strings (raw, may span lines) and substitutions.</summary>
internal sealed partial class HoconLexer
{
    private HoconToken ReadQuoted()
    {
        var start = Here;
        Advance(1);
        var builder = new StringBuilder();
        while (true)
        {
            if (index >= text.Length || text[index] == '\n')
            {
                throw Error(start, "expected '\"' to close the quoted string, found " + (index >= text.Length ? "end of file" : "end of line"));
            }

            var c = text[index];
            if (c == '"')
            {
                Advance(1);
                return new(HoconTokenKind.QuotedString, builder.ToString(), start);
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape());
                continue;
            }

            builder.Append(c);
            Advance(1);
        }
    }

    private char ReadEscape()
    {
        var at = Here;
        var atEnd = index + 1 >= text.Length;
        var escaped = At(1);
        Advance(2);
        switch (escaped)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                var hex = index + 4 <= text.Length ? text.Substring(index, 4) : "";
                if (!ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw Error(at, "expected four hex digits after '\\u' in a quoted string");
                }

                Advance(4);
                return (char)code;
            default:
                var found = atEnd ? "end of file" : $"'\\{escaped}'";
                throw Error(at, $"expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) in a quoted string, found {found}");
        }
    }

    /// <summary>Quotes right before the closing <c>"""</c> belong to the string: <c>""""a""""</c> is <c>"a"</c> with quotes.</summary>
    private HoconToken ReadTripleQuoted()
    {
        var start = Here;
        var close = text.IndexOf("\"\"\"", index + 3, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(start, "expected '\"\"\"' to close the triple-quoted string, found end of file");
        }

        while (close + 3 < text.Length && text[close + 3] == '"')
        {
            close++;
        }

        var content = text[(index + 3)..close];
        Advance(close + 3 - index);
        return new(HoconTokenKind.QuotedString, content, start);
    }

    /// <summary><c>${path}</c> or <c>${?path}</c>: the path expression is read with the ordinary tokens, up to '}'.</summary>
    private HoconToken ReadSubstitution()
    {
        var start = Here;
        if (At(1) != '{')
        {
            throw Error(start, "expected '${' to start a substitution, found '$' (quote it to use it in a string)");
        }

        Advance(2);
        var optional = At(0) == '?';
        if (optional)
        {
            Advance(1);
        }

        var pathTokens = new List<HoconToken>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace:
                    var path = HoconPathBuilder.Build(pathTokens, token.Position, "a path inside '${...}'");
                    return new(HoconTokenKind.Substitution, "${", start) { SubstitutionPath = path, Optional = optional };
                case HoconTokenKind.Unquoted or HoconTokenKind.Number or HoconTokenKind.QuotedString or HoconTokenKind.Whitespace:
                    pathTokens.Add(token);
                    break;
                default:
                    throw Error(token.Position, $"expected a path and '}}' to close the substitution opened at {start.Line}:{start.Column}, found {token.Describe()}");
            }
        }
    }
}
