namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// A node of a parsed HOCON tree. Nodes are immutable once built, so merged and fallback trees share
/// them freely, and the resolver can remember each node's resolution by reference.
/// </summary>
internal abstract class HoconValue(HoconPosition position)
{
    public HoconPosition Position { get; } = position;

    /// <summary>True when this node is, or holds somewhere below it, a substitution not yet resolved.</summary>
    public abstract bool NeedsResolution { get; }

    /// <summary>True for the nodes that only the resolver can turn into a value (substitutions, concatenations, delayed merges).</summary>
    public bool IsUnresolved => this is HoconSubstitution or HoconConcatenation or HoconDelayedMerge;
}
