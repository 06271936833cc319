namespace QueueActors.Actors.Config.Hocon;

/// <summary>Looking up substitutions and joining concatenations.</summary>
internal sealed partial class HoconResolver
{
    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        chain.Add(substitution);
        if (chain.Count > MaxChain)
        {
            throw new HoconException(substitution.Position, $"expected substitutions at most {MaxChain} deep, found a longer chain", HoconPath.Render(substitution.FieldPath));
        }

        var (found, value) = substitution.IsSelfReference ? LookupPrevious(substitution) : LookupRoot(substitution.Path);
        if (!found && substitution.IncludedPath is not null)
        {
            (found, value) = LookupRoot(substitution.IncludedPath);
        }

        if (!found)
        {
            value = FromEnvironment(substitution);
            if (value is null && !substitution.Optional)
            {
                var written = HoconPath.Render(substitution.IncludedPath ?? substitution.Path);
                throw new HoconException(
                    substitution.Position,
                    $"expected a setting or an environment variable named {written} for {substitution.Expression}, found neither (write ${{?{written}}} if it may be absent)",
                    HoconPath.Render(substitution.FieldPath));
            }
        }

        chain.RemoveAt(chain.Count - 1);
        return value;
    }

    /// <summary>Walks the path from the root, resolving only the nodes on the way.</summary>
    private (bool Found, HoconValue? Value) LookupRoot(IReadOnlyList<string> path) => Walk(root, path, 0);

    private (bool Found, HoconValue? Value) LookupPrevious(HoconSubstitution substitution)
    {
        var previous = substitution.Previous;
        return previous is null ? (false, null) : Walk(previous, substitution.Path, substitution.FieldPath.Count);
    }

    private (bool Found, HoconValue? Value) Walk(HoconValue start, IReadOnlyList<string> path, int index)
    {
        HoconValue? current = start;
        for (var i = index; i < path.Count; i++)
        {
            if (current is not null && current.IsUnresolved)
            {
                current = Resolve(current);
            }

            if (current is not HoconObject obj || !obj.TryGetField(path[i], out current))
            {
                return (false, null);
            }
        }

        var value = current is null ? null : Resolve(current);
        return (value is not null, value);
    }

    /// <summary>Environment variables set to the empty string count as unset, as the spec asks.</summary>
    private HoconScalar? FromEnvironment(HoconSubstitution substitution)
    {
        var name = string.Join('.', substitution.IncludedPath ?? substitution.Path);
        var text = environment(name);
        return string.IsNullOrEmpty(text) ? null : HoconScalar.String(substitution.Position, text);
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation)
    {
        var parts = concatenation.Parts.Select(part => (Part: part, Value: HoconConcatenator.IsSpace(part) ? part : Resolve(part))).ToList();
        var defined = parts.Where(each => each.Value is not null && !HoconConcatenator.IsSpace(each.Part)).Select(each => each.Value!).ToList();
        if (defined.Count == 0)
        {
            return null;
        }

        var first = defined[0];
        var odd = defined.FirstOrDefault(value => HoconConcatenator.KindOf(value) != HoconConcatenator.KindOf(first));
        if (odd is not null)
        {
            throw HoconConcatenator.Mismatch(odd, first, concatenation.FieldPath);
        }

        return first switch
        {
            HoconObject => defined.Cast<HoconObject>().Aggregate((below, above) => HoconMerge.MergeObjects(above, below)),
            HoconArray => new HoconArray(concatenation.Position, [.. defined.Cast<HoconArray>().SelectMany(array => array.Elements)]),
            _ => HoconScalar.String(concatenation.Position, string.Concat(parts.Select(each => TextOf(each.Part, each.Value)))),
        };
    }

    /// <summary>In a string concatenation a substitution that is null or undefined becomes the empty string (a written null stays "null").</summary>
    private static string TextOf(HoconValue part, HoconValue? value) =>
        value is HoconScalar scalar && !(scalar.Kind == HoconScalarKind.Null && part is HoconSubstitution) ? scalar.Text : "";
}
