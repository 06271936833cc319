using System.Runtime.CompilerServices;

namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Parses one HOCON document into an object tree, leaving substitutions for the resolver.
/// <list type="number">
/// <item>The root is an object, with or without braces.</item>
/// <item>Each field is merged into the object being built as soon as it is parsed, so a later field sees
/// the earlier value of its key: a self-reference binds to it, a nested <c>key { ... }</c> starts from it.</item>
/// <item>An include parses the other file into the same object being built, at the same path.</item>
/// <item>Nesting is capped at <see cref="MaxDepth"/>: deep input gets an error, never a stack overflow.</item>
/// </list>
/// </summary>
internal sealed partial class HoconParser
{
    public const int MaxDepth = 200;

    private readonly List<HoconToken> tokens;
    private readonly string file;
    private readonly string? directory;
    private readonly IReadOnlyList<string> includePrefix;
    private readonly IReadOnlyList<string> includeChain;
    private int index;

    private HoconParser(string text, string file, string? directory, IReadOnlyList<string> includePrefix, IReadOnlyList<string> includeChain)
    {
        tokens = HoconLexer.Tokenize(text, file);
        this.file = file;
        this.directory = directory;
        this.includePrefix = includePrefix;
        this.includeChain = includeChain;
    }

    private HoconToken Peek => tokens[index];

    /// <param name="directory">Where relative includes are looked for; null when the text has no folder.</param>
    /// <param name="includePrefix">The path at which this document is included (empty for a top-level document).</param>
    /// <param name="seed">What the including object held before the include; the result is merged over it.</param>
    public static HoconObject ParseDocument(
        string text,
        string file,
        string? directory,
        IReadOnlyList<string>? includePrefix = null,
        HoconObject? seed = null,
        IReadOnlyList<string>? includeChain = null,
        int depth = 0)
    {
        var parser = new HoconParser(text, file, directory, includePrefix ?? [], includeChain ?? []);
        return parser.ParseRoot(seed, depth);
    }

    private HoconObject ParseRoot(HoconObject? seed, int depth)
    {
        SkipWhitespace(newlines: true);
        var builder = StartFrom(seed);
        var start = Peek;
        if (start.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(start, "expected an object ('{' or a key) at the root, found '['");
        }

        if (start.Kind == HoconTokenKind.OpenBrace)
        {
            index++;
            ParseObjectBody(builder, includePrefix, depth, start);
            SkipWhitespace(newlines: true);
            if (Peek.Kind != HoconTokenKind.EndOfFile)
            {
                throw Error(Peek, $"expected end of file after the root object, found {Peek.Describe()}");
            }
        }
        else
        {
            ParseObjectBody(builder, includePrefix, depth, open: null);
        }

        return new HoconObject(seed?.Position ?? new HoconPosition(file, 1, 1), builder);
    }

    /// <summary>Fields up to the closing '}' (or the end of file for a root without braces).</summary>
    private void ParseObjectBody(OrderedDictionary<string, HoconValue> builder, IReadOnlyList<string> objectPath, int depth, HoconToken? open)
    {
        while (true)
        {
            SkipWhitespace(newlines: true);
            var token = Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace when open is not null:
                    index++;
                    return;
                case HoconTokenKind.CloseBrace:
                    throw Error(token, "expected a key or end of file, found '}' with no '{' to close");
                case HoconTokenKind.EndOfFile when open is not null:
                    throw Error(token, $"expected '}}' to close the object opened at {open.Position.Line}:{open.Position.Column}, found end of file");
                case HoconTokenKind.EndOfFile:
                    return;
            }

            if (token.Kind == HoconTokenKind.Unquoted && token.Text == "include")
            {
                ParseInclude(builder, objectPath, depth);
            }
            else
            {
                ParseField(builder, objectPath, depth);
            }

            SkipWhitespace(newlines: false);
            var after = Peek;
            if (after.Kind == HoconTokenKind.Comma)
            {
                index++;
            }
            else if (after.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBrace or HoconTokenKind.EndOfFile))
            {
                throw Error(after, $"expected ',', a new line or '}}' after a field, found {after.Describe()}");
            }
        }
    }

    private void ParseField(OrderedDictionary<string, HoconValue> builder, IReadOnlyList<string> objectPath, int depth)
    {
        var keyTokens = new List<HoconToken>();
        while (Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.Number or HoconTokenKind.QuotedString or HoconTokenKind.Whitespace)
        {
            keyTokens.Add(tokens[index++]);
        }

        if (keyTokens.Count == 0)
        {
            var reason = Peek.Kind == HoconTokenKind.Substitution ? " (substitutions are not allowed in keys)" : "";
            throw Error(Peek, $"expected a key, found {Peek.Describe()}{reason}");
        }

        var key = HoconPathBuilder.Build(keyTokens, Peek.Position, "a key");
        IReadOnlyList<string> fieldPath = [.. objectPath, .. key];
        if (depth + key.Count > MaxDepth)
        {
            throw Error(keyTokens[0], $"expected at most {MaxDepth} levels of nesting, found a deeper key", fieldPath);
        }

        var separator = Peek;
        if (separator.Kind is HoconTokenKind.Colon or HoconTokenKind.Equals or HoconTokenKind.PlusEquals)
        {
            index++;
        }
        else if (separator.Kind != HoconTokenKind.OpenBrace)
        {
            throw Error(separator, $"expected ':', '=', '+=' or '{{' after the key, found {separator.Describe()}", fieldPath);
        }

        SkipWhitespace(newlines: true);
        builder.TryGetValue(key[0], out var existing);
        var previous = HoconMerge.Find(existing, key, 1);
        var append = separator.Kind == HoconTokenKind.PlusEquals;
        var (value, startsFromPrevious) = ParseValue(fieldPath, depth + key.Count, append ? null : previous);
        if (append)
        {
            // a += x means a = ${?a} [x]: the implicit ${?a} is a self-reference.
            var earlier = new HoconSubstitution(separator.Position, fieldPath, optional: true, includedPath: null, fieldPath, isSelfReference: true);
            value = new HoconConcatenation(value.Position, [earlier, new HoconArray(value.Position, [value])], HoconPath.Render(fieldPath));
        }

        builder[key[0]] = HoconMerge.SetPath(existing, key, 1, value, startsFromPrevious, keyTokens[0].Position);
    }

    /// <summary>The fields an object being parsed starts with: the key's earlier object, if any.</summary>
    private static OrderedDictionary<string, HoconValue> StartFrom(HoconObject? seed) =>
        seed is null ? new(StringComparer.Ordinal) : new(seed.Fields, StringComparer.Ordinal);

    private void SkipWhitespace(bool newlines)
    {
        while (Peek.Kind == HoconTokenKind.Whitespace || (newlines && Peek.Kind == HoconTokenKind.Newline))
        {
            index++;
        }
    }

    private static void EnsureStack(HoconToken token)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(token, "expected less deeply nested input, found too deep a nesting for the stack");
        }
    }

    private static HoconException Error(HoconToken token, string reason, IReadOnlyList<string>? path = null) =>
        new(token.Position, reason, path is { Count: > 0 } ? HoconPath.Render(path) : null);
}
