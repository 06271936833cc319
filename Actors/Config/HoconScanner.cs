namespace QueueActors.Actors.Config;

/// <summary>
/// A light scan of HOCON text before Akka.NET's parser reads it. Akka's parser keeps no positions, accepts some
/// broken input without a word (an unclosed brace or string, a stray '}' after which the rest of the file is
/// dropped, <c>${?VAR}</c> or <c>+=</c> that silently change what follows) and overflows the stack on deep nesting.
/// The scan records where every key and value starts (<see cref="HoconSourceMap"/>) and reports those inputs as
/// errors with file, line and column; everything else it leaves to Akka's parser.
/// </summary>
internal sealed partial class HoconScanner
{
    /// <summary>Objects, arrays and key path elements nested deeper than this are an error, not a stack overflow.</summary>
    public const int MaxDepth = 200;

    // Akka's tokenizer ends an unquoted key or value at these characters (besides whitespace and "//").
    private const string EndsKey = "$\"{}[]:=,#`^?!@*&\\.";
    private const string EndsValue = "$\"{}[]:=,#`^?!@*&\\";
    private const string Reserved = "`^?!@*&\\";

    private readonly string text;
    private readonly string origin;
    private readonly HoconSourceMap map;
    private readonly Action<IReadOnlyList<string>?, string, HoconPosition> include;
    private readonly List<int> lineStarts = [0];
    private readonly Stack<Frame> frames = new();
    private readonly List<int> commasAkkaRejects = [];
    private int index;

    private HoconScanner(string text, string origin, HoconSourceMap map, Action<IReadOnlyList<string>?, string, HoconPosition> include)
    {
        this.text = text;
        this.origin = origin;
        this.map = map;
        this.include = include;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Scans <paramref name="text"/> (from <paramref name="origin"/>) into <paramref name="map"/>; keys are recorded under <paramref name="prefix"/>.</summary>
    /// <param name="include">Called at each <c>include "name"</c> with the path it is included at (null inside an array) and its position.</param>
    /// <exception cref="HoconException">The text is not HOCON that Akka.NET's parser reads as written.</exception>
    public static void Scan(string text, string origin, HoconSourceMap map, IReadOnlyList<string> prefix, Action<IReadOnlyList<string>?, string, HoconPosition> include) =>
        new HoconScanner(text, origin, map, include).Run(prefix);

    /// <summary>
    /// The text as Akka.NET's parser should get it: Akka rejects a comma between fields unless it follows a
    /// <c>key = value</c> on the same line (<c>concurrency { email = 4 }, xmpp = "x"</c> is "Unknown token"); those
    /// commas become spaces, which keeps every character index (and so every position) as it was. Also, for each
    /// <c>include</c> in order, whether it is at the root of the document.
    /// </summary>
    public static (string Text, IReadOnlyList<bool> IncludesAtRoot) ForAkka(string text, string origin)
    {
        var atRoot = new List<bool>();
        var scanner = new HoconScanner(text, origin, new HoconSourceMap(origin), (at, _, _) => atRoot.Add(at is { Count: 0 }));
        scanner.Run([]);
        var chars = text.ToCharArray();
        foreach (var comma in scanner.commasAkkaRejects)
        {
            chars[comma] = ' ';
        }

        return (new string(chars), atRoot);
    }

    /// <summary>The position of a character index of the text (for Akka's "at position N" errors).</summary>
    public static HoconPosition PositionOf(string text, string origin, int characterIndex) =>
        new HoconScanner(text, origin, new HoconSourceMap(origin), (_, _, _) => { }).Pos(Math.Clamp(characterIndex, 0, text.Length));

    private void Run(IReadOnlyList<string> prefix)
    {
        SkipBlank(newlines: true);
        var root = new Frame(prefix, Pos(index), isArray: false) { IsRoot = true };
        if (Peek() == '{')
        {
            root.IsBraced = true;
            index++;
        }

        frames.Push(root);
        while (true)
        {
            var frame = frames.Peek();
            if (frame.IsArray)
            {
                ArrayStep(frame);
            }
            else if (frame.InValue)
            {
                ValueStep(frame);
            }
            else if (!KeyStep(frame))
            {
                return;
            }
        }
    }

    /// <summary>In an object, between fields: a key and its separator, an include, or the object's end. False at the end of the document.</summary>
    private bool KeyStep(Frame frame)
    {
        SkipBlank(newlines: true, commas: true);
        if (AtEnd)
        {
            if (!frame.IsRoot || frame.IsBraced)
            {
                throw Error(Pos(index), $"expected '}}' to close the object opened at {frame.OpenedAt.Line}:{frame.OpenedAt.Column}, found end of file", frame.Path);
            }

            return false;
        }

        if (Peek() == '}')
        {
            if (frame.IsRoot && !frame.IsBraced)
            {
                throw Error(Pos(index), "expected a key or end of file, found '}' with no '{' to close");
            }

            index++;
            frames.Pop();
            if (frame.IsRoot)
            {
                SkipBlank(newlines: true);
                return !AtEnd ? throw Error(Pos(index), $"expected end of file after the '}}' that closes the root object, found {Describe()}") : false;
            }

            return true;
        }

        if (IsInclude())
        {
            ReadInclude(frame);
            return true;
        }

        var keyPosition = Pos(index);
        var elements = ReadKey();
        IReadOnlyList<string>? path = frame.Path is null ? null : [.. frame.Path, .. elements];
        SkipSpaces();
        var separated = Peek() is '=' or ':';
        if (separated)
        {
            index++;
        }
        else if (Peek() == '+' && Peek(1) == '=')
        {
            throw Error(Pos(index), "expected '=' or ':', found '+=' (Akka.NET's HOCON has no '+=': write the whole list)", path);
        }
        else if (Peek() != '{')
        {
            throw Error(Pos(index), $"expected ':', '=' or '{{' after the key, found {Describe()}", path ?? elements);
        }

        if (frames.Count + elements.Count > MaxDepth)
        {
            throw Error(keyPosition, $"expected at most {MaxDepth} levels of nesting");
        }

        SkipBlank(newlines: true);
        if (AtEnd || Peek() is '}' or ']' or ',')
        {
            throw Error(Pos(index), $"expected a value, found {Describe()}", path ?? elements);
        }

        frame.InValue = true;
        frame.ValueWithoutSeparator = !separated;
        frame.ValuePath = path;
        frame.ValueEntry = path is null ? null : Record(frame.Path!, elements, keyPosition, Pos(index), Peek() == '{');
        return true;
    }

    /// <summary>In an object, inside a field's value: the next token of the value, or the end of the value.</summary>
    private void ValueStep(Frame frame)
    {
        SkipBlank(newlines: false);
        if (AtEnd || Peek() == '}')
        {
            frame.InValue = false;
            return;
        }

        if (Peek() is '\n' or ',')
        {
            if (Peek() == ',' && frame.ValueWithoutSeparator)
            {
                commasAkkaRejects.Add(index);
            }

            index++;
            frame.InValue = false;
            return;
        }

        ValueToken(frame.ValuePath, frame.ValueEntry);
    }

    /// <summary>In an array: the next element's token, a separator, or the array's end.</summary>
    private void ArrayStep(Frame frame)
    {
        SkipBlank(newlines: false);
        if (AtEnd)
        {
            throw Error(Pos(index), $"expected ']' to close the array opened at {frame.OpenedAt.Line}:{frame.OpenedAt.Column}, found end of file", frame.Path);
        }

        switch (Peek())
        {
            case '\n' or ',':
                index++;
                frame.ExpectElement = true;
                return;
            case ']':
                index++;
                frames.Pop();
                return;
        }

        if (frame.ExpectElement)
        {
            frame.Entry?.Elements.Add(Pos(index));
            frame.ExpectElement = false;
        }

        ValueToken(null, null);
    }

    private void ValueToken(IReadOnlyList<string>? path, HoconSourceEntry? entry)
    {
        var start = index;
        var at = Pos(index);
        var c = Peek();
        switch (c)
        {
            case '{' or '[':
                if (frames.Count >= MaxDepth)
                {
                    throw Error(at, $"expected at most {MaxDepth} levels of nesting");
                }

                index++;
                frames.Push(new Frame(path, at, isArray: c == '[') { Entry = entry });
                return;
            case ']':
                throw Error(at, "expected a value, found ']' with no '[' to close", path);
            case '"' when Peek(1) == '"' && Peek(2) == '"':
                ReadTripleQuoted();
                return;
            case '"':
                ReadQuoted();
                return;
            case '$':
                ReadSubstitution(path);
                return;
            case '=' or ':':
                throw Error(at, $"expected a value, found '{c}' (a value holding '=' or ':', such as a URL, must be quoted)", path);
        }

        if (Reserved.Contains(c))
        {
            throw Error(at, $"expected a value, found '{c}' (quote a value that holds it)", path);
        }

        while (!AtEnd && !char.IsWhiteSpace(Peek()) && !EndsValue.Contains(Peek()) && !IsCommentStart())
        {
            index++;
        }

        if (index == start)
        {
            throw Error(at, frames.Peek().IsArray && c == '}' ? "expected ']' or a value, found '}'" : $"expected a value, found {Describe()}", path);
        }

        if (Peek() is '=' or ':')
        {
            throw Error(at, $"expected a value, found '{text[start..index]}{Peek()}' (a value holding '=' or ':', such as a URL, must be quoted)", path);
        }
    }
}
