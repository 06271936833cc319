namespace QueueActors.Actors.Config.Hocon;

/// <summary>How a found value reads in an error message: strings quoted, numbers as written, short arrays listed.</summary>
internal static class HoconRender
{
    private const int MaxElements = 5;

    public static string Describe(HoconValue value) => value switch
    {
        HoconScalar { Kind: HoconScalarKind.String } scalar => Quote(scalar.Text),
        HoconScalar scalar => Shorten(scalar.Text),
        HoconObject => "an object",
        HoconArray array => "[" + string.Join(", ", array.Elements.Take(MaxElements).Select(Element)) + (array.Elements.Count > MaxElements ? ", ...]" : "]"),
        _ => "an unresolved substitution",
    };

    private static string Element(HoconValue value) => value is HoconArray ? "an array" : Describe(value);

    // A message stays one readable line even when the value is megabytes long.
    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;

    private static string Quote(string text)
    {
        var shown = Shorten(text);
        return "\"" + shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }
}
