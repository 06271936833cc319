using System.Collections;

namespace QueueActors.Actors.Runtime;

/// <summary>The logging scope of an actor's entries: one property, <c>ActorPath</c>, printed as the path.</summary>
public sealed class ActorScope(ActorPath path) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public ActorPath Path { get; } = path;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] => index == 0
        ? new KeyValuePair<string, object?>("ActorPath", Path.ToString())
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Path.ToString();
}
