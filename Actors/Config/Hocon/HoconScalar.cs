namespace QueueActors.Actors.Config.Hocon;

/// <summary>A simple value. Numbers keep the text they were written with (the spec asks for it in concatenations and keys).</summary>
internal sealed class HoconScalar(HoconPosition position, HoconScalarKind kind, string text) : HoconValue(position)
{
    public HoconScalarKind Kind { get; } = kind;

    public string Text { get; } = text;

    public override bool NeedsResolution => false;

    public static HoconScalar String(HoconPosition position, string text) => new(position, HoconScalarKind.String, text);
}
