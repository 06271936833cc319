using System.Globalization;
using Akka.Configuration.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>
/// Reads Akka.NET's HOCON values (a list of literals, arrays, objects and resolved substitutions) the way our
/// getters need: its kind, its text, its elements, and how it reads in an error message.
/// </summary>
internal static class HoconValues
{
    private const int MaxElements = 5;

    public static HoconValueKind KindOf(HoconValue value)
    {
        if (value.GetObject() is not null)
        {
            return HoconValueKind.Object;
        }

        var elements = Flatten(value).ToList();
        if (elements.Any(element => element is HoconArray))
        {
            return HoconValueKind.Array;
        }

        return elements.Count > 0 && elements.All(element => element is HoconLiteral) && value.GetString() is not null
            ? HoconValueKind.String
            : HoconValueKind.Null;
    }

    /// <summary>The text of a string value (Akka's: literals concatenated and trimmed).</summary>
    public static string Text(HoconValue value) => value.GetString() ?? "null";

    /// <summary>The elements of an array value (arrays written side by side are concatenated).</summary>
    public static IReadOnlyList<HoconValue> Elements(HoconValue value) =>
        [.. Flatten(value).OfType<HoconArray>().SelectMany(array => array)];

    public static string Describe(HoconValue value) => KindOf(value) switch
    {
        HoconValueKind.Object => "an object",
        HoconValueKind.Null => "null",
        HoconValueKind.Array => "[" + string.Join(", ", Elements(value).Take(MaxElements).Select(Element)) + (Elements(value).Count > MaxElements ? ", ...]" : "]"),
        _ => LooksLikeLiteral(Text(value)) ? Shorten(Text(value)) : Quote(Text(value)),
    };

    private static IEnumerable<IHoconElement> Flatten(HoconValue value) =>
        value.Values.SelectMany(element => element is HoconSubstitution { ResolvedValue: { } resolved } ? Flatten(resolved) : [element]);

    private static string Element(HoconValue value) => KindOf(value) == HoconValueKind.Array ? "an array" : Describe(value);

    // Akka keeps no difference between 42 and "42": numbers and booleans read as written, the rest quoted.
    private static bool LooksLikeLiteral(string text) =>
        text is "true" or "false" or "yes" or "no" or "on" or "off" ||
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // A message stays one readable line even when the value is megabytes long.
    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;

    private static string Quote(string text) =>
        "\"" + Shorten(text).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
