using System.Text;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Builds a path (key or substitution) from the tokens of a path expression. Dots outside quotes separate
/// elements, also inside numbers (<c>10.0foo</c> is <c>10</c>, <c>0foo</c>); quoted text is one piece
/// (<c>a."b.c"</c> has two elements); an empty element must be quoted (<c>a..b</c> is an error).
/// </summary>
internal static class HoconPathBuilder
{
    public static IReadOnlyList<string> Build(IReadOnlyList<HoconToken> tokens, HoconPosition end, string expected)
    {
        var first = 0;
        var last = tokens.Count - 1;
        while (first <= last && tokens[first].Kind == HoconTokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && tokens[last].Kind == HoconTokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw new HoconException(end, $"expected {expected}, found nothing");
        }

        var elements = new List<string>();
        var current = new StringBuilder();
        var hasQuotedPiece = false;
        for (var i = first; i <= last; i++)
        {
            var token = tokens[i];
            if (token.Kind is HoconTokenKind.QuotedString or HoconTokenKind.Whitespace)
            {
                current.Append(token.Text);
                hasQuotedPiece |= token.Kind == HoconTokenKind.QuotedString;
                continue;
            }

            var pieces = token.Text.Split('.');
            for (var p = 0; p < pieces.Length; p++)
            {
                if (p > 0)
                {
                    Finish(elements, current, ref hasQuotedPiece, token.Position);
                }

                current.Append(pieces[p]);
            }
        }

        Finish(elements, current, ref hasQuotedPiece, tokens[last].Position);
        return elements;
    }

    private static void Finish(List<string> elements, StringBuilder current, ref bool hasQuotedPiece, HoconPosition position)
    {
        if (current.Length == 0 && !hasQuotedPiece)
        {
            throw new HoconException(position, "expected a path element between dots, found an empty one (write \"\" for an empty key)");
        }

        elements.Add(current.ToString());
        current.Clear();
        hasQuotedPiece = false;
    }
}
