namespace QueueActors.Actors.Config.Hocon;

/// <summary>Values: a concatenation of parts up to the end of the line, ',' or a closing bracket.</summary>
internal sealed partial class HoconParser
{
    /// <param name="previous">The key's earlier value: a <c>{ ... }</c> value starts from it when it is an object.</param>
    /// <returns>The value, and whether it already includes <paramref name="previous"/> (then it replaces rather than merges).</returns>
    private (HoconValue Value, bool StartsFromPrevious) ParseValue(IReadOnlyList<string> fieldPath, int depth, HoconValue? previous)
    {
        EnsureStack(Peek);
        var parts = new List<HoconValue>();
        HoconToken? space = null;
        var startsFromPrevious = false;
        while (true)
        {
            var token = Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    space = token;
                    index++;
                    continue;
                case HoconTokenKind.Newline or HoconTokenKind.Comma or HoconTokenKind.CloseBrace
                    or HoconTokenKind.CloseBracket or HoconTokenKind.EndOfFile:
                    if (parts.Count == 0)
                    {
                        throw Error(token, $"expected a value, found {token.Describe()}", fieldPath);
                    }

                    return (HoconConcatenator.Combine(parts, HoconPath.Render(fieldPath)), startsFromPrevious);
                case HoconTokenKind.Colon or HoconTokenKind.Equals or HoconTokenKind.PlusEquals:
                    throw Error(token, $"expected a value, found {token.Describe()} (quote it to use it in a string)", fieldPath);
            }

            if (space is not null && parts.Count > 0)
            {
                parts.Add(new HoconScalar(space.Position, HoconScalarKind.Whitespace, space.Text));
            }

            space = null;
            switch (token.Kind)
            {
                case HoconTokenKind.OpenBrace:
                    var seed = parts.Count == 0 ? previous as HoconObject : null;
                    startsFromPrevious |= seed is not null;
                    parts.Add(ParseObject(fieldPath, depth, seed));
                    break;
                case HoconTokenKind.OpenBracket:
                    parts.Add(ParseArray(fieldPath, depth));
                    break;
                case HoconTokenKind.Substitution:
                    parts.Add(Substitution(token, fieldPath));
                    index++;
                    break;
                default:
                    parts.Add(Scalar(token));
                    index++;
                    break;
            }
        }
    }

    private HoconObject ParseObject(IReadOnlyList<string> objectPath, int depth, HoconObject? seed)
    {
        var open = tokens[index++];
        CheckDepth(open, depth, objectPath);
        var builder = StartFrom(seed);
        ParseObjectBody(builder, objectPath, depth, open);
        return new HoconObject(open.Position, builder, seed?.IgnoresFallbacks ?? false);
    }

    private HoconArray ParseArray(IReadOnlyList<string> fieldPath, int depth)
    {
        var open = tokens[index++];
        CheckDepth(open, depth, fieldPath);
        var elements = new List<HoconValue>();
        while (true)
        {
            SkipWhitespace(newlines: true);
            var token = Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBracket:
                    index++;
                    return new HoconArray(open.Position, elements);
                case HoconTokenKind.EndOfFile:
                    throw Error(token, $"expected ']' to close the array opened at {open.Position.Line}:{open.Position.Column}, found end of file", fieldPath);
                case HoconTokenKind.Comma or HoconTokenKind.CloseBrace:
                    throw Error(token, $"expected a value or ']', found {token.Describe()}", fieldPath);
            }

            elements.Add(ParseValue(fieldPath, depth + 1, previous: null).Value);
            SkipWhitespace(newlines: false);
            var after = Peek;
            if (after.Kind == HoconTokenKind.Comma)
            {
                index++;
            }
            else if (after.Kind == HoconTokenKind.EndOfFile)
            {
                throw Error(after, $"expected ']' to close the array opened at {open.Position.Line}:{open.Position.Column}, found end of file", fieldPath);
            }
            else if (after.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBracket))
            {
                throw Error(after, $"expected ',', a new line or ']' after an array element, found {after.Describe()}", fieldPath);
            }
        }
    }

    private HoconSubstitution Substitution(HoconToken token, IReadOnlyList<string> fieldPath)
    {
        // Paths in an included file are relative to where it is included; the path as written is the fallback.
        IReadOnlyList<string> path = [.. includePrefix, .. token.SubstitutionPath];
        var includedPath = includePrefix.Count > 0 ? token.SubstitutionPath : null;
        var isSelfReference = HoconPath.StartsWith(path, fieldPath);
        return new HoconSubstitution(token.Position, path, token.Optional, includedPath, fieldPath, isSelfReference);
    }

    private static HoconScalar Scalar(HoconToken token) => token.Kind switch
    {
        HoconTokenKind.Number => new(token.Position, HoconScalarKind.Number, token.Text),
        HoconTokenKind.Unquoted when token.Text is "true" or "false" => new(token.Position, HoconScalarKind.Boolean, token.Text),
        HoconTokenKind.Unquoted when token.Text == "null" => new(token.Position, HoconScalarKind.Null, token.Text),
        _ => HoconScalar.String(token.Position, token.Text),
    };

    private static void CheckDepth(HoconToken open, int depth, IReadOnlyList<string> path)
    {
        if (depth > MaxDepth)
        {
            throw Error(open, $"expected at most {MaxDepth} levels of nesting, found more", path);
        }
    }
}
