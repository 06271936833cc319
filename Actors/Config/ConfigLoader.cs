using QueueActors.Actors.Config.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>
/// Loads the configuration a node runs with: the operator's file, if any, over hocon/reference.conf (embedded
/// in this assembly, the one place that holds every default), resolved once.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The logical name under which QueueActors.Actors.csproj embeds hocon/reference.conf.</summary>
    public const string ReferenceResourceName = "QueueActors.reference.conf";

    private const string ReferenceOrigin = "reference.conf";

    private static readonly Lazy<HoconConfig> UnresolvedReference = new(ParseReference);
    private static readonly Lazy<HoconConfig> ResolvedReference = new(() => UnresolvedReference.Value.Resolve());

    /// <summary>reference.conf alone, resolved with the process environment on first use; for tests and tools.</summary>
    public static HoconConfig Reference => ResolvedReference.Value;

    /// <summary>The user's file (if given) over reference.conf, resolved.</summary>
    /// <param name="userFile">A HOCON file, or null for the defaults alone.</param>
    /// <param name="environment">Where <c>${NAME}</c> not found in the files is looked up; the process environment by default.</param>
    /// <param name="overrides">Settings over the file (e.g. from command-line options such as <c>--data-dir</c>), or null.</param>
    public static HoconConfig Load(string? userFile = null, Func<string, string?>? environment = null, HoconConfig? overrides = null)
    {
        var layered = userFile is null ? UnresolvedReference.Value : HoconConfig.Load(userFile).WithFallback(UnresolvedReference.Value);
        return (overrides is null ? layered : overrides.WithFallback(layered)).Resolve(environment);
    }

    /// <summary>Text (e.g. from a test) over reference.conf, resolved.</summary>
    public static HoconConfig LoadText(string text, Func<string, string?>? environment = null, string origin = "<string>") =>
        HoconConfig.Parse(text, origin).WithFallback(UnresolvedReference.Value).Resolve(environment);

    private static HoconConfig ParseReference()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ReferenceResourceName)
            ?? throw new HoconException(new HoconPosition(ReferenceOrigin, 1, 1), $"expected the embedded resource {ReferenceResourceName} in {typeof(ConfigLoader).Assembly.GetName().Name}, found none");
        using var reader = new StreamReader(stream);
        return HoconConfig.Parse(reader.ReadToEnd(), ReferenceOrigin);
    }
}
