namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Finds and binds the open self-references of a key's value. Only the value's own parts are searched
/// (concatenation parts, array elements, delayed-merge layers), not nested objects: their fields are keys of
/// their own and are bound when those keys merge.
/// </summary>
internal static class HoconSelfReferences
{
    public static bool HasOpen(HoconValue value) => value switch
    {
        HoconSubstitution substitution => substitution.IsOpenSelfReference,
        HoconConcatenation concatenation => concatenation.Parts.Any(HasOpen),
        HoconArray array => array.NeedsResolution && array.Elements.Any(HasOpen),
        HoconDelayedMerge merge => merge.Layers.Any(HasOpen),
        _ => false,
    };

    /// <summary>Binds every open self-reference in <paramref name="value"/> to <paramref name="previous"/> (null: the key had no earlier value).</summary>
    public static HoconValue Bind(HoconValue value, HoconValue? previous) => value switch
    {
        HoconSubstitution substitution when substitution.IsOpenSelfReference => substitution.Bind(previous),
        HoconConcatenation concatenation =>
            new HoconConcatenation(concatenation.Position, [.. concatenation.Parts.Select(part => Bind(part, previous))], concatenation.FieldPath),
        HoconArray array when array.NeedsResolution => new HoconArray(array.Position, [.. array.Elements.Select(element => Bind(element, previous))]),
        HoconDelayedMerge merge => HoconDelayedMerge.FromLayers([.. merge.Layers.Select(layer => Bind(layer, previous))]),
        _ => value,
    };
}
