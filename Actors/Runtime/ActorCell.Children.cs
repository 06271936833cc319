using System.Globalization;

namespace QueueActors.Actors.Runtime;

/// <summary>
/// The child registry. It is locked because the guardians take ActorOf calls from any thread; for
/// other actors the lock is uncontended. A name stays taken until the child has fully stopped.
/// </summary>
internal sealed partial class ActorCell
{
    private Dictionary<string, ActorCell>? children;
    private int autoNameCounter;

    private Dictionary<string, ActorCell> ChildMap =>
        children ?? Interlocked.CompareExchange(ref children, new Dictionary<string, ActorCell>(StringComparer.Ordinal), null) ?? children!;

    public IReadOnlyCollection<IActorRef> Children => ChildCells();

    private int ChildCount
    {
        get
        {
            var map = children;
            if (map is null)
            {
                return 0;
            }

            lock (map)
            {
                return map.Count;
            }
        }
    }

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name);

    public IActorRef? Child(string name)
    {
        var map = children;
        if (map is null)
        {
            return null;
        }

        lock (map)
        {
            return map.GetValueOrDefault(name);
        }
    }

    public void Stop(IActorRef actor)
    {
        if (actor == this)
        {
            RequestStop();
        }
        else if (actor is ActorCell child && child.parent == this)
        {
            StopChild(child);
        }
        else
        {
            throw new InvalidOperationException($"{Path} may stop only itself and its children, not {actor.Path}; send it a PoisonPill");
        }
    }

    internal ActorCell AttachChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        name = name is null ? "$" + Interlocked.Increment(ref autoNameCounter).ToString(CultureInfo.InvariantCulture) : ActorName.Validate(name);
        if (lifecycle != Running)
        {
            throw new InvalidOperationException($"Cannot start {name} under {Path}: it is stopping");
        }

        var child = new ActorCell(system, this, name, props);
        var map = ChildMap;
        lock (map)
        {
            if (!map.TryAdd(name, child))
            {
                throw new InvalidActorNameException($"Actor name '{name}' is not unique among the children of {Path}");
            }
        }

        child.SendSystemMessage(Create.Instance);
        return child;
    }

    private void StopChild(ActorCell child)
    {
        (Extras.StoppingChildren ??= []).Add(child);
        child.RequestStop();
    }

    private ActorCell[] ChildCells()
    {
        var map = children;
        if (map is null)
        {
            return [];
        }

        lock (map)
        {
            return map.Count == 0 ? [] : [.. map.Values];
        }
    }

    private bool RemoveChild(ActorCell child)
    {
        var map = children;
        if (map is null)
        {
            return false;
        }

        lock (map)
        {
            return map.TryGetValue(child.name, out var registered) && registered == child && map.Remove(child.name);
        }
    }
}
