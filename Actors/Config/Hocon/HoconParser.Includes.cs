using System.Security;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// <c>include "file"</c>, <c>include file("file")</c>, <c>include required(file("file"))</c>. Relative names are
/// looked for in the including file's folder, never the working directory. A missing file is an error
/// (plain or required: a silently skipped include hides typos in operators' files).
/// </summary>
internal sealed partial class HoconParser
{
    private const int MaxIncludeDepth = 50;

    private void ParseInclude(OrderedDictionary<string, HoconValue> builder, IReadOnlyList<string> objectPath, int depth)
    {
        var include = tokens[index++];
        SkipWhitespace(newlines: true);
        var opened = ReadIncludeOpeners(include);
        SkipWhitespace(newlines: false);
        if (Peek.Kind != HoconTokenKind.QuotedString)
        {
            throw Error(Peek, $"expected a quoted file name after 'include' (quote \"include\" to use it as a key), found {Peek.Describe()}");
        }

        var name = tokens[index++];
        ReadIncludeClosers(opened);
        var included = ReadIncluded(name);
        var seed = new HoconObject(include.Position, builder);
        var result = ParseDocument(included.Text, included.Origin, Path.GetDirectoryName(included.FullPath), objectPath, seed, [.. includeChain, included.FullPath], depth);
        builder.Clear();
        foreach (var (key, value) in result.Fields)
        {
            builder[key] = value;
        }
    }

    /// <summary>Reads <c>required(</c> and <c>file(</c> (which the lexer sees as unquoted text); returns how many '(' need closing.</summary>
    private int ReadIncludeOpeners(HoconToken include)
    {
        var opened = 0;
        while (Peek.Kind == HoconTokenKind.Unquoted)
        {
            var word = tokens[index++];
            var text = word.Text;
            while (text.Length > 0)
            {
                var known = new[] { "required(", "file(" }.FirstOrDefault(prefix => text.StartsWith(prefix, StringComparison.Ordinal));
                if (known is null)
                {
                    var reason = text.StartsWith("classpath(", StringComparison.Ordinal) || text.StartsWith("url(", StringComparison.Ordinal)
                        ? "only files can be included, not classpath(...) or url(...)"
                        : $"expected a quoted file name, file(\"...\") or required(file(\"...\")) after 'include', found '{word.Text}'";
                    throw Error(word, reason);
                }

                opened++;
                text = text[known.Length..];
            }

            SkipWhitespace(newlines: false);
        }

        return opened > 2 ? throw Error(include, "expected at most required(file(\"...\")) after 'include', found more") : opened;
    }

    private void ReadIncludeClosers(int opened)
    {
        var closed = 0;
        while (closed < opened)
        {
            SkipWhitespace(newlines: false);
            var token = Peek;
            if (token.Kind != HoconTokenKind.Unquoted || token.Text.Any(c => c != ')') || closed + token.Text.Length > opened)
            {
                throw Error(token, $"expected {opened - closed} ')' to close the include, found {token.Describe()}");
            }

            closed += token.Text.Length;
            index++;
        }
    }

    private (string Text, string Origin, string FullPath) ReadIncluded(HoconToken name)
    {
        if (!Path.IsPathRooted(name.Text) && directory is null)
        {
            throw Error(name, $"cannot include \"{name.Text}\": {file} is not a file, so it has no folder to look in (use an absolute path)");
        }

        try
        {
            var origin = Path.IsPathRooted(name.Text) ? name.Text : Path.Combine(directory!, name.Text);
            var fullPath = Path.GetFullPath(origin);
            if (includeChain.Contains(fullPath, StringComparer.Ordinal))
            {
                throw Error(name, $"expected no include cycle, found \"{name.Text}\" including itself through {string.Join(" -> ", includeChain)}");
            }

            if (includeChain.Count >= MaxIncludeDepth)
            {
                throw Error(name, $"expected includes at most {MaxIncludeDepth} deep, found more");
            }

            if (!File.Exists(fullPath))
            {
                throw Error(name, $"included file \"{name.Text}\" not found (looked for {fullPath})");
            }

            return (File.ReadAllText(fullPath), origin, fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            throw new HoconException(name.Position, $"cannot read included file \"{name.Text}\": {exception.Message}", innerException: exception);
        }
    }
}
