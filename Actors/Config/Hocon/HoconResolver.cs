using System.Runtime.CompilerServices;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Replaces every substitution of a merged tree with its value.
/// <list type="number">
/// <item>Paths are looked up from the root; only the nodes on the way are resolved, so an object may refer to
/// its own fields (<c>bar { foo = 42, baz = ${bar.foo} }</c>).</item>
/// <item>A self-reference reads the value its key had before (bound by the parser or by <c>WithFallback</c>).</item>
/// <item>Not found in the configuration: the environment variable of that name; then null for <c>${?x}</c>
/// (the key stays unset, or keeps its earlier value), an error for <c>${x}</c>.</item>
/// <item>Each node is resolved once (remembered by reference); meeting a node again while it is being
/// resolved is a cycle, reported with the chain of substitutions.</item>
/// </list>
/// </summary>
internal sealed partial class HoconResolver
{
    private const int MaxChain = 200;

    private readonly HoconObject root;
    private readonly Func<string, string?> environment;
    private readonly Dictionary<HoconValue, HoconValue?> resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> chain = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        root.NeedsResolution ? (HoconObject)new HoconResolver(root, environment).Resolve(root)! : root;

    /// <returns>The resolved value, or null when it is undefined (an optional substitution with nothing behind it).</returns>
    private HoconValue? Resolve(HoconValue value)
    {
        if (!value.NeedsResolution)
        {
            return value;
        }

        if (resolved.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!inProgress.Add(value))
        {
            throw Cycle(value);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(value.Position, "expected substitutions and nesting shallow enough to resolve, found them too deep for the stack");
        }

        var result = value switch
        {
            HoconObject obj => ResolveObject(obj),
            HoconArray array => new HoconArray(array.Position, [.. array.Elements.Select(Resolve).OfType<HoconValue>()]),
            HoconSubstitution substitution => ResolveSubstitution(substitution),
            HoconConcatenation concatenation => ResolveConcatenation(concatenation),
            HoconDelayedMerge merge => ResolveDelayedMerge(merge),
            _ => value,
        };
        inProgress.Remove(value);
        resolved[value] = result;
        return result;
    }

    private HoconObject ResolveObject(HoconObject obj)
    {
        var fields = new List<KeyValuePair<string, HoconValue>>();
        foreach (var (key, field) in obj.Fields)
        {
            if (Resolve(field) is { } value)
            {
                fields.Add(new(key, value));
            }
        }

        return new HoconObject(obj.Position, fields, obj.IgnoresFallbacks);
    }

    /// <summary>Layers from the top: the first defined non-object wins; objects merge until a non-object hides what is below.</summary>
    private HoconValue? ResolveDelayedMerge(HoconDelayedMerge merge)
    {
        var objects = new List<HoconObject>();
        foreach (var layer in merge.Layers)
        {
            var value = Resolve(layer);
            if (value is HoconObject obj)
            {
                objects.Add(obj);
            }
            else if (value is not null)
            {
                if (objects.Count == 0)
                {
                    return value;
                }

                break;
            }
        }

        if (objects.Count == 0)
        {
            return null;
        }

        var result = objects[^1];
        for (var i = objects.Count - 2; i >= 0; i--)
        {
            result = HoconMerge.MergeObjects(objects[i], result);
        }

        return result;
    }

    private HoconException Cycle(HoconValue value)
    {
        var names = chain.Select(substitution => substitution.Expression).ToList();
        var start = chain.FindIndex(substitution => ReferenceEquals(substitution, value));
        if (start >= 0)
        {
            names = [.. names.Skip(start), chain[start].Expression];
        }

        var at = chain.Count > 0 ? chain[Math.Max(start, 0)] : null;
        var what = start >= 0 ? string.Join(" -> ", names) : $"{string.Join(" -> ", names)} inside the value it refers to";
        return new HoconException(
            at?.Position ?? value.Position,
            $"expected substitutions without a cycle, found {what}",
            at is null ? null : HoconPath.Render(at.FieldPath));
    }
}
