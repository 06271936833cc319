using System.Runtime.CompilerServices;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// The one merge rule of HOCON, used for duplicate keys, includes and <c>WithFallback</c> alike: objects
/// merge field by field, anything else replaces what was below it. A value that still holds substitutions
/// cannot be judged yet, so it becomes a <see cref="HoconDelayedMerge"/> decided at resolution, except when
/// it refers to its own key: then it already says how it builds on the earlier value, and replaces it.
/// </summary>
internal static class HoconMerge
{
    public static HoconValue Merge(HoconValue top, HoconValue? bottom)
    {
        if (bottom is null)
        {
            return top;
        }

        // Substitutions can build resolved trees deeper than the parser's nesting cap.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(top.Position, "expected nesting shallow enough to merge, found it too deep for the stack");
        }

        if (HoconSelfReferences.HasOpen(top))
        {
            return HoconSelfReferences.Bind(top, bottom);
        }

        return top switch
        {
            HoconObject topObject when bottom is HoconObject bottomObject => MergeObjects(topObject, bottomObject),
            HoconObject when bottom.IsUnresolved => HoconDelayedMerge.Of(top, bottom),
            HoconObject topObject => topObject.IgnoringFallbacks(),
            _ when top.IsUnresolved => HoconDelayedMerge.Of(top, bottom),
            _ => top,
        };
    }

    public static HoconObject MergeObjects(HoconObject top, HoconObject bottom)
    {
        if (top.IgnoresFallbacks)
        {
            return top;
        }

        var fields = new OrderedDictionary<string, HoconValue>(bottom.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in top.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var below) ? Merge(value, below) : value;
        }

        return new HoconObject(top.Position, fields, bottom.IgnoresFallbacks);
    }

    /// <summary>
    /// Sets <paramref name="value"/> at <paramref name="path"/> below <paramref name="target"/>, creating the
    /// objects of a dotted key (<c>a.b.c = 1</c> is <c>a { b { c = 1 } }</c>) and merging with what is there,
    /// unless <paramref name="replace"/> says the value already includes the earlier one.
    /// </summary>
    public static HoconValue SetPath(HoconValue? target, IReadOnlyList<string> path, int index, HoconValue value, bool replace, HoconPosition position)
    {
        if (index == path.Count)
        {
            return replace ? value : Merge(value, target);
        }

        if (target is HoconObject targetObject)
        {
            var fields = new OrderedDictionary<string, HoconValue>(targetObject.Fields, StringComparer.Ordinal);
            fields.TryGetValue(path[index], out var existing);
            fields[path[index]] = SetPath(existing, path, index + 1, value, replace, position);
            return new HoconObject(targetObject.Position, fields, targetObject.IgnoresFallbacks);
        }

        var wrapped = new HoconObject(position, [new(path[index], SetPath(null, path, index + 1, value, replace, position))]);
        return Merge(wrapped, target);
    }

    /// <summary>The value at <paramref name="path"/> as far as it can be known before resolution (through objects only).</summary>
    public static HoconValue? Find(HoconValue? start, IReadOnlyList<string> path, int index)
    {
        var current = start;
        for (var i = index; i < path.Count; i++)
        {
            if (current is not HoconObject currentObject || !currentObject.TryGetField(path[i], out current))
            {
                return null;
            }
        }

        return current;
    }
}
