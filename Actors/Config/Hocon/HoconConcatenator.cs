namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Joins the parts of a value written on one line. Simple values join into one string, whitespace between
/// them kept (<c>foo bar</c> is "foo bar"); objects merge (<c>{a:1} {b:2}</c>); arrays append (<c>[1] [2]</c>).
/// Mixing those kinds is an error. With a substitution among the parts, the join waits for resolution.
/// </summary>
internal static class HoconConcatenator
{
    public static HoconValue Combine(IReadOnlyList<HoconValue> parts, string fieldPath)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        HoconValue? first = null;
        foreach (var part in parts.Where(part => !IsSpace(part) && part is not HoconSubstitution))
        {
            first ??= part;
            if (KindOf(part) != KindOf(first))
            {
                throw Mismatch(part, first, fieldPath);
            }
        }

        if (parts.Any(part => part is HoconSubstitution))
        {
            return new HoconConcatenation(parts[0].Position, parts, fieldPath);
        }

        var solid = parts.Where(part => !IsSpace(part)).ToList();
        return first switch
        {
            HoconObject => solid.Cast<HoconObject>().Aggregate((below, above) => HoconMerge.MergeObjects(above, below)),
            HoconArray array => new HoconArray(array.Position, [.. solid.Cast<HoconArray>().SelectMany(each => each.Elements)]),
            _ => HoconScalar.String(parts[0].Position, string.Concat(parts.Cast<HoconScalar>().Select(scalar => scalar.Text))),
        };
    }

    public static bool IsSpace(HoconValue value) => value is HoconScalar { Kind: HoconScalarKind.Whitespace };

    /// <summary>"an object", "an array" or "a string": the three kinds that do not mix in a concatenation.</summary>
    public static string KindOf(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        _ => "a string",
    };

    public static HoconException Mismatch(HoconValue part, HoconValue first, string fieldPath) =>
        new(part.Position, $"cannot concatenate {KindOf(first)} with {KindOf(part)} (put them on separate lines, or quote the string)", fieldPath.Length > 0 ? fieldPath : null);
}
