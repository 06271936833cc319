namespace QueueActors.Actors.Config.Hocon;

internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,

    /// <summary>Whitespace between the parts of a value concatenation; never left in a resolved tree.</summary>
    Whitespace,
}
