namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// A value written as several parts on one line (<c>${dir}"/logs"</c>, <c>${base} { extra = 1 }</c>) that holds
/// at least one substitution, so its type (string, array or object) is known only after resolution.
/// Whitespace between parts is kept as <see cref="HoconScalarKind.Whitespace"/> scalars.
/// </summary>
internal sealed class HoconConcatenation(HoconPosition position, IReadOnlyList<HoconValue> parts, string fieldPath)
    : HoconValue(position)
{
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    /// <summary>The key this value belongs to, for error messages.</summary>
    public string FieldPath { get; } = fieldPath;

    public override bool NeedsResolution => true;
}
