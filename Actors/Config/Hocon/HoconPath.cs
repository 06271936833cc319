namespace QueueActors.Actors.Config.Hocon;

/// <summary>Path expressions given to the API (<c>queueactors.actor.throughput</c>) and paths rendered in messages.</summary>
internal static class HoconPath
{
    private const string Label = "<path>";

    public static IReadOnlyList<string> Parse(string expression)
    {
        var tokens = HoconLexer.Tokenize(expression, Label);
        var pathTokens = tokens.Take(tokens.Count - 1).ToList();
        var wrong = pathTokens.FirstOrDefault(token =>
            token.Kind is not (HoconTokenKind.Unquoted or HoconTokenKind.Number or HoconTokenKind.QuotedString or HoconTokenKind.Whitespace));
        if (wrong is not null)
        {
            throw new HoconException(wrong.Position, $"expected a path expression such as a.b.c, found {wrong.Describe()} in \"{expression}\"");
        }

        return HoconPathBuilder.Build(pathTokens, tokens[^1].Position, "a path expression such as a.b.c");
    }

    public static string Render(IEnumerable<string> path) => string.Join('.', path.Select(RenderElement));

    public static bool StartsWith(IReadOnlyList<string> path, IReadOnlyList<string> prefix) =>
        path.Count >= prefix.Count && prefix.Select((element, i) => element == path[i]).All(same => same);

    private static string RenderElement(string element) =>
        element.Length > 0 && element.All(c => !HoconCharacters.EndsUnquoted(c) && c != '.' && c != '/')
            ? element
            : "\"" + element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
