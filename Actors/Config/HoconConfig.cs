using System.Text.Json;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>
/// A HOCON configuration, held as Akka.NET's <see cref="Akka.Configuration.Config"/> (parsed by Akka's own parser,
/// layered with Akka's <c>WithFallback</c>) and read with typed getters whose errors say where: every error is a
/// <see cref="HoconException"/> naming file, line, column and, for a value, its key. Akka's Config keeps no
/// positions; <see cref="HoconSourceMap"/>s (one per layer) remember where each key was written.
/// Substitutions are resolved by Akka's parser within the document that holds them (and its includes).
/// Paths given to getters are HOCON path expressions: <c>queueactors.actor.throughput</c>, <c>sites."example.com"</c>.
/// </summary>
public sealed partial class HoconConfig
{
    private readonly Akka.Configuration.Config config;
    private readonly IReadOnlyList<Layer> layers;
    private readonly IReadOnlyList<string> rootPath;

    private HoconConfig(Akka.Configuration.Config config, IReadOnlyList<Layer> layers, IReadOnlyList<string> rootPath)
    {
        this.config = config;
        this.layers = layers;
        this.rootPath = rootPath;
    }

    /// <summary>A configuration with no settings.</summary>
    public static HoconConfig Empty { get; } = new(ConfigurationFactory.Empty, [], []);

    /// <summary>The keys of the root object.</summary>
    public IReadOnlyList<string> Keys => config.Root?.GetObject() is { } root ? [.. root.Items.Keys] : [];

    /// <summary>This configuration as Akka.NET's own, e.g. to hand its <c>akka</c> section to an ActorSystem.</summary>
    public Akka.Configuration.Config AkkaConfig => config;

    /// <summary>Where the settings of each layer were written, most important layer first.</summary>
    internal IEnumerable<HoconSourceMap> Sources => layers.Select(layer => layer.Map);

    /// <param name="origin">The name errors give as the file, e.g. a file name or <c>&lt;string&gt;</c>.</param>
    /// <param name="includeDirectory">Where relative <c>include</c>s are looked for; the working directory without it.</param>
    public static HoconConfig Parse(string text, string origin = "<string>", string? includeDirectory = null)
    {
        var (parsed, map) = HoconDocument.Parse(text, origin, includeDirectory);
        return new(parsed, [new Layer(map, [])], []);
    }

    /// <summary>Parses a file; its includes are looked for in its folder. Errors name the file as given.</summary>
    public static HoconConfig Load(string path)
    {
        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or System.Security.SecurityException or PathTooLongException)
        {
            throw new HoconException(path, 1, 1, $"cannot read the configuration file: {exception.Message}", innerException: exception);
        }

        var text = HoconDocument.ReadFile(path);
        var (parsed, map) = HoconDocument.Parse(text, path, System.IO.Path.GetDirectoryName(fullPath), [fullPath]);
        return new(parsed, [new Layer(map, [])], []);
    }

    /// <summary>One string setting that comes from outside any file (an environment variable): its errors name <paramref name="origin"/>, with no line.</summary>
    internal static HoconConfig FromValue(string origin, string path, string value)
    {
        var parsed = ConfigurationFactory.ParseString($"{path} = {JsonSerializer.Serialize(value)}");
        var map = new HoconSourceMap(origin, hasLines: false);
        var nowhere = new HoconPosition(origin, 0, 0);
        map.Add(new HoconSourceEntry(HoconPath.Parse(path), nowhere, nowhere, IsObject: false));
        return new(parsed, [new Layer(map, [])], []);
    }

    /// <summary>This configuration over <paramref name="fallback"/>: keys missing here come from the fallback, objects merge.</summary>
    public HoconConfig WithFallback(HoconConfig fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(config.WithFallback(fallback.config), [.. layers, .. fallback.layers], rootPath);
    }

    /// <summary>True when the path holds a value other than null.</summary>
    public bool HasPath(string path) => Find(path).Value is { } value && HoconValues.KindOf(value) != HoconValueKind.Null;

    /// <summary>The object at <paramref name="path"/>; its getters' errors still name full paths.</summary>
    public HoconConfig GetConfig(string path)
    {
        var (value, _, keys) = Find(path);
        if (value?.GetObject() is null)
        {
            throw InvalidValue(path, "an object");
        }

        var node = new HoconValue();
        node.AppendValue(value.GetObject());
        return new(new Akka.Configuration.Config(new HoconRoot(node)), [.. layers.Select(layer => layer with { RootPath = [.. layer.RootPath, .. keys] })], [.. rootPath, .. keys]);
    }

    /// <summary>A layer's source map, and the path in it that this configuration's root is.</summary>
    private sealed record Layer(HoconSourceMap Map, IReadOnlyList<string> RootPath);
}
