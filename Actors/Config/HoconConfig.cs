using System.Security;
using QueueActors.Actors.Config.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>
/// A HOCON configuration: parsed from text or a file, layered over fallbacks, read with typed getters.
/// <list type="number">
/// <item><see cref="Parse"/> and <see cref="Load"/> keep substitutions unresolved, so that
/// <c>user.WithFallback(reference)</c> can still see the reference values (<c>${?ENV}</c> overrides,
/// <c>path = ${path}":/x"</c>, <c>+=</c>).</item>
/// <item>The first getter resolves the whole tree once, with the process environment; call
/// <see cref="Resolve"/> to resolve at a time of your choosing (errors surface there) or with another environment.</item>
/// <item>Every error is a <see cref="HoconException"/> naming file, line, column and, for a value, its key.</item>
/// </list>
/// Paths given to getters are HOCON path expressions: <c>queueactors.actor.throughput</c>, <c>sites."example.com"</c>.
/// </summary>
public sealed partial class HoconConfig
{
    private readonly HoconObject root;
    private readonly IReadOnlyList<string> rootPath;
    private readonly Lazy<HoconObject> resolved;

    private HoconConfig(HoconObject root, IReadOnlyList<string> rootPath, HoconObject? resolvedRoot)
    {
        this.root = root;
        this.rootPath = rootPath;
        resolved = resolvedRoot is not null
            ? new Lazy<HoconObject>(resolvedRoot)
            : new Lazy<HoconObject>(() => HoconResolver.Resolve(root, ProcessEnvironment));
    }

    /// <summary>A configuration with no settings.</summary>
    public static HoconConfig Empty { get; } = new(HoconObject.Empty(new HoconPosition("<empty>", 1, 1)), [], null);

    /// <summary>True when no substitution is left to resolve.</summary>
    public bool IsResolved => !root.NeedsResolution;

    /// <summary>The keys of the root object, in the order they were first written.</summary>
    public IReadOnlyList<string> Keys => [.. resolved.Value.Keys];

    /// <param name="origin">The name errors give as the file, e.g. a file name or <c>&lt;string&gt;</c>.</param>
    /// <param name="includeDirectory">Where relative <c>include</c>s are looked for; without it only absolute ones work.</param>
    public static HoconConfig Parse(string text, string origin = "<string>", string? includeDirectory = null) =>
        new(HoconParser.ParseDocument(text, origin, includeDirectory), [], null);

    /// <summary>Parses a file; its includes are looked for in its folder. Errors name the file as given.</summary>
    public static HoconConfig Load(string path)
    {
        string text;
        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            throw new HoconException(path, 1, 1, $"cannot read the configuration file: {exception.Message}", innerException: exception);
        }

        return new(HoconParser.ParseDocument(text, path, System.IO.Path.GetDirectoryName(fullPath), includeChain: [fullPath]), [], null);
    }

    /// <summary>This configuration over <paramref name="fallback"/>: keys missing here come from the fallback, objects merge.</summary>
    public HoconConfig WithFallback(HoconConfig fallback) =>
        new(HoconMerge.MergeObjects(root, fallback.root), rootPath, null);

    /// <summary>Resolves all substitutions now.</summary>
    /// <param name="environment">Where <c>${NAME}</c> not found in the configuration is looked up; the process environment by default.</param>
    public HoconConfig Resolve(Func<string, string?>? environment = null)
    {
        var result = environment is null ? resolved.Value : HoconResolver.Resolve(root, environment);
        return new(result, rootPath, result);
    }

    /// <summary>True when the path holds a value other than null.</summary>
    public bool HasPath(string path) => Find(path).Value is { } value && value is not HoconScalar { Kind: HoconScalarKind.Null };

    /// <summary>The object at <paramref name="path"/>; its getters' errors still name full paths.</summary>
    public HoconConfig GetConfig(string path)
    {
        var (value, _, keys) = Find(path);
        if (value is HoconObject obj)
        {
            return new(obj, keys, obj);
        }

        throw InvalidValue(path, "an object");
    }

    private static string? ProcessEnvironment(string name)
    {
        try
        {
            return Environment.GetEnvironmentVariable(name);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityException)
        {
            return null; // a name no environment can hold is simply not set
        }
    }
}
