namespace QueueActors.Actors.Runtime;

/// <summary>A snapshot of a cell and its descendants for introspection; safe from any thread.</summary>
internal sealed partial class ActorCell
{
    internal ActorTreeNode Describe()
    {
        // The child map is copied under its lock; the rest are single reads of fields the cell writes, so a
        // snapshot taken while actors start and stop is consistent per cell, not across the tree.
        var children = ChildCells();
        Array.Sort(children, static (a, b) => string.CompareOrdinal(a.name, b.name));
        return new ActorTreeNode(
            name,
            Path.ToString(),
            Volatile.Read(ref actor)?.GetType().Name ?? string.Empty,
            lifecycle != Running,
            [.. children.Select(static child => child.Describe())]);
    }
}
