using System.Text;

namespace QueueActors.Actors.Config;

/// <summary>Path expressions given to the API (<c>queueactors.actor.throughput</c>, <c>sites."example.com"</c>) and paths rendered in messages.</summary>
internal static class HoconPath
{
    private const string Label = "<path>";
    private const string EndsUnquoted = "$\"{}[]:=,+#`^?!@*&\\./";

    /// <summary>The keys of a path expression: dot-separated, an element in double quotes may hold dots.</summary>
    public static IReadOnlyList<string> Parse(string expression)
    {
        var keys = new List<string>();
        var element = new StringBuilder();
        var quoted = false;
        for (var i = 0; i <= expression.Length; i++)
        {
            var c = i < expression.Length ? expression[i] : '.';
            if (quoted)
            {
                if (c == '"')
                {
                    quoted = false;
                }
                else if (c == '\\' && i + 1 < expression.Length)
                {
                    element.Append(expression[++i]);
                }
                else if (i == expression.Length)
                {
                    throw new HoconException(Label, 1, i + 1, $"expected '\"' to close the quoted key in \"{expression}\"");
                }
                else
                {
                    element.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
                element.Append('\0'); // marks "an element was written", even an empty one
            }
            else if (c == '.')
            {
                if (element.Length == 0)
                {
                    throw new HoconException(Label, 1, i + 1, $"expected a path element between dots in \"{expression}\"");
                }

                keys.Add(element.ToString().Replace("\0", "", StringComparison.Ordinal));
                element.Clear();
            }
            else if (!char.IsWhiteSpace(c))
            {
                element.Append(c);
            }
        }

        return keys;
    }

    public static string Render(IEnumerable<string> path) => string.Join('.', path.Select(RenderElement));

    private static string RenderElement(string element) =>
        element.Length > 0 && element.All(c => !char.IsWhiteSpace(c) && !EndsUnquoted.Contains(c))
            ? element
            : "\"" + element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
