namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. Paths are absolute from the root of the whole configuration.
/// <para>
/// A self-reference (<c>path = ${path}":/x"</c>, or the implicit <c>${?a}</c> of <c>a += x</c>) means "the
/// value this key had before this line", not the final value, which would be a cycle. The parser binds it to
/// the earlier value of the same file; when there is none it stays open and <c>WithFallback</c> binds it to
/// the fallback's value.
/// </para>
/// </summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(
        HoconPosition position,
        IReadOnlyList<string> path,
        bool optional,
        IReadOnlyList<string>? includedPath,
        IReadOnlyList<string> fieldPath,
        bool isSelfReference)
        : base(position)
    {
        Path = path;
        Optional = optional;
        IncludedPath = includedPath;
        FieldPath = fieldPath;
        IsSelfReference = isSelfReference;
    }

    public IReadOnlyList<string> Path { get; }

    public bool Optional { get; }

    /// <summary>The path as written in an included file, tried when <see cref="Path"/> (prefixed with the include's location) is not found.</summary>
    public IReadOnlyList<string>? IncludedPath { get; }

    /// <summary>The key whose value holds this substitution.</summary>
    public IReadOnlyList<string> FieldPath { get; }

    public bool IsSelfReference { get; }

    /// <summary>True once a self-reference knows its earlier value (which may be "none").</summary>
    public bool IsBound { get; private init; }

    public HoconValue? Previous { get; private init; }

    public bool IsOpenSelfReference => IsSelfReference && !IsBound;

    public override bool NeedsResolution => true;

    public string Expression => $"${{{(Optional ? "?" : "")}{HoconPath.Render(Path)}}}";

    public HoconSubstitution Bind(HoconValue? previous) =>
        new(Position, Path, Optional, IncludedPath, FieldPath, IsSelfReference) { IsBound = true, Previous = previous };
}
