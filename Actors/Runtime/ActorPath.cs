namespace QueueActors.Actors.Runtime;

/// <summary>An actor's address: <c>qa://system/user/parent/child</c>. Built on demand, compared by text.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? text;

    private ActorPath(string system, ActorPath? parent, string name)
    {
        System = system;
        Parent = parent;
        Name = name;
    }

    /// <summary>The name of the actor system the path belongs to.</summary>
    public string System { get; }

    /// <summary>The parent's path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    internal static ActorPath Root(string system) => new(system, null, "");

    internal ActorPath Child(string name) => new(System, this, name);

    public override string ToString() => text ??= Parent is null
        ? $"qa://{System}/"
        : Parent.Parent is null ? Parent + Name : $"{Parent}/{Name}";

    public bool Equals(ActorPath? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
