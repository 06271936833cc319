using System.Text;

namespace QueueActors.Actors.Config;

/// <summary>Keys, strings, substitutions, includes, blanks and positions.</summary>
internal sealed partial class HoconScanner
{
    private static readonly string[] UnsupportedIncludes = ["file(", "required(", "url(", "classpath("];

    private bool AtEnd => index >= text.Length;

    private char Peek(int ahead = 0) => index + ahead < text.Length ? text[index + ahead] : '\0';

    private bool IsCommentStart() => Peek() == '#' || (Peek() == '/' && Peek(1) == '/');

    private HoconPosition Pos(int at)
    {
        var line = lineStarts.BinarySearch(at);
        line = line >= 0 ? line : ~line - 1;
        return new HoconPosition(origin, line + 1, at - lineStarts[line] + 1);
    }

    private string Describe() => AtEnd ? "end of file" : Peek() == '\n' ? "end of line" : $"'{Peek()}'";

    private static HoconException Error(HoconPosition at, string reason, IReadOnlyList<string>? path = null) =>
        new(at, reason, path is { Count: > 0 } ? HoconPath.Render(path) : null);

    /// <summary>Whitespace and comments; newlines too when <paramref name="newlines"/>, commas too when <paramref name="commas"/>.</summary>
    private void SkipBlank(bool newlines, bool commas = false)
    {
        while (!AtEnd)
        {
            var c = Peek();
            if (IsCommentStart())
            {
                while (!AtEnd && Peek() != '\n')
                {
                    index++;
                }
            }
            else if ((c == '\n' && newlines) || (c == ',' && commas) || (c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF')))
            {
                if (c == ',')
                {
                    commasAkkaRejects.Add(index); // a comma where a key is expected: after a newline, or a second one
                }

                index++;
            }
            else
            {
                return;
            }
        }
    }

    private void SkipSpaces()
    {
        while (Peek() is ' ' or '\t' or '\r')
        {
            index++;
        }
    }

    /// <summary>A key as Akka reads it: unquoted runs (trimmed) and quoted strings, separated by dots.</summary>
    private List<string> ReadKey()
    {
        var elements = new List<string>();
        while (true)
        {
            if (Peek() == '"')
            {
                elements.Add(ReadQuoted());
            }
            else
            {
                var start = index;
                while (!AtEnd && Peek() != '\n' && !EndsKey.Contains(Peek()) && !IsCommentStart() && !(Peek() == '+' && Peek(1) == '='))
                {
                    index++;
                }

                var element = text[start..index].Trim();
                if (element.Length == 0)
                {
                    throw Error(Pos(index), $"expected a key, found {Describe()}", frames.Peek().Path is { } at ? [.. at, .. elements] : null);
                }

                elements.Add(element);
            }

            if (Peek() != '.')
            {
                return elements;
            }

            index++;
        }
    }

    private bool IsInclude()
    {
        if (string.CompareOrdinal(text, index, "include", 0, 7) != 0 || !(char.IsWhiteSpace(Peek(7)) || Peek(7) == '#'))
        {
            return false;
        }

        var after = index + 7;
        while (after < text.Length && text[after] is ' ' or '\t')
        {
            after++;
        }

        return after < text.Length && (text[after] == '"' || UnsupportedIncludes.Any(form => string.CompareOrdinal(text, after, form, 0, form.Length) == 0));
    }

    private void ReadInclude(Frame frame)
    {
        index += "include".Length;
        SkipSpaces();
        var at = Pos(index);
        if (Peek() != '"')
        {
            throw Error(Pos(index), "expected a quoted file name after include (Akka.NET's HOCON reads only include \"file.conf\", relative to the including file; not file(), required(), url() or classpath())");
        }

        var name = ReadQuoted();
        include(frame.Path, name, at);
    }

    /// <summary>A "string" on one line, with JSON escapes; returns its text.</summary>
    private string ReadQuoted()
    {
        var opened = Pos(index);
        index++;
        var result = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
            {
                throw Error(Pos(index), $"expected '\"' to close the string opened at {opened.Line}:{opened.Column}, found {Describe()}");
            }

            var c = text[index++];
            if (c == '"')
            {
                return result.ToString();
            }

            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            var escape = Peek();
            var hex = escape == 'u' && index + 5 <= text.Length && text.AsSpan(index + 1, 4).ContainsAnyExcept("0123456789abcdefABCDEF") is false;
            if (!"\"\\/bfnrt".Contains(escape, StringComparison.Ordinal) && !hex || escape == '\0')
            {
                throw Error(Pos(index - 1), $"expected an escape such as \\n, \\\" or \\u0041 after '\\', found {Describe()}");
            }

            result.Append(escape switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => (char)Convert.ToInt32(text.Substring(index + 1, 4), 16),
                _ => escape,
            });
            index += escape == 'u' ? 5 : 1;
        }
    }

    private void ReadTripleQuoted()
    {
        var opened = Pos(index);
        var end = text.IndexOf("\"\"\"", index + 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(Pos(text.Length), $"expected '\"\"\"' to close the string opened at {opened.Line}:{opened.Column}, found end of file");
        }

        index = end + 3;
    }

    /// <summary><c>${a.b}</c>: recorded, so that Akka's "Unresolved substitution" can be given a position.</summary>
    private void ReadSubstitution(IReadOnlyList<string>? path)
    {
        var opened = Pos(index);
        if (Peek(1) != '{')
        {
            throw Error(opened, "expected a value, found '$' (quote a value that holds it)", path);
        }

        if (Peek(2) == '?')
        {
            throw Error(opened, "expected a substitution ${path}, found ${?...}: Akka.NET's HOCON has no optional (environment) substitutions; set the value in the file, or use the QUEUEACTORS_* variables that reference.conf names", path);
        }

        index += 2;
        var start = index;
        while (!AtEnd && !char.IsWhiteSpace(Peek()) && !EndsValue.Contains(Peek()) && !IsCommentStart())
        {
            index++;
        }

        if (index == start || Peek() != '}')
        {
            throw Error(Pos(index), $"expected a path and '}}' to close the substitution opened at {opened.Line}:{opened.Column}, found {Describe()}", path);
        }

        map.Substitutions.Add((text[start..index], opened));
        index++;
    }

    /// <summary>Records the key (and the objects a dotted key opens on the way) with where it was written.</summary>
    private HoconSourceEntry Record(IReadOnlyList<string> parent, List<string> elements, HoconPosition key, HoconPosition value, bool isObject)
    {
        for (var i = 1; i < elements.Count; i++)
        {
            map.Add(new HoconSourceEntry([.. parent, .. elements.Take(i)], key, key, IsObject: true));
        }

        var entry = new HoconSourceEntry([.. parent, .. elements], key, value, isObject);
        map.Add(entry);
        return entry;
    }

    private sealed class Frame(IReadOnlyList<string>? path, HoconPosition openedAt, bool isArray)
    {
        /// <summary>The path of this object or array; null inside arrays, whose objects are not addressed by path.</summary>
        public IReadOnlyList<string>? Path { get; } = path;

        public HoconPosition OpenedAt { get; } = openedAt;

        public bool IsArray { get; } = isArray;

        public bool IsRoot { get; init; }

        /// <summary>A root written inside braces: nothing may follow its '}' (Akka would drop it).</summary>
        public bool IsBraced { get; set; }

        /// <summary>An object between a key's separator and the end of its value.</summary>
        public bool InValue { get; set; }

        /// <summary>The value is an object written <c>key { }</c>, without '=' or ':'.</summary>
        public bool ValueWithoutSeparator { get; set; }

        public IReadOnlyList<string>? ValuePath { get; set; }

        public HoconSourceEntry? ValueEntry { get; set; }

        /// <summary>An array: the entry whose element positions it records.</summary>
        public HoconSourceEntry? Entry { get; init; }

        public bool ExpectElement { get; set; } = true;
    }
}
