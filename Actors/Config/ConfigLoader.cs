namespace QueueActors.Actors.Config;

/// <summary>
/// Loads the configuration a node runs with: the operator's file, if any, over the environment variables
/// reference.conf names, over hocon/reference.conf (embedded in this assembly, the one place that holds every
/// default). A key under <c>queueactors</c> that no setting has is an error naming the nearest known key.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The logical name under which QueueActors.Actors.csproj embeds hocon/reference.conf.</summary>
    public const string ReferenceResourceName = "QueueActors.reference.conf";

    /// <summary>
    /// The environment variables that replace a reference default (a user's file still wins over them). Akka.NET's
    /// HOCON has no <c>${?VAR}</c>, so they are read here; reference.conf names them in its comments.
    /// </summary>
    public static IReadOnlyList<(string Variable, string Path)> EnvironmentSettings { get; } =
    [
        ("QUEUEACTORS_NODE_NAME", "queueactors.node.name"),
        ("QUEUEACTORS_DATA_DIR", "queueactors.data-directory"),
        ("QUEUEACTORS_POSTGRES", "queueactors.postgres.connection-string"),
        ("QUEUEACTORS_REMOTING_PORT", "queueactors.cluster.remoting.port"),
    ];

    private const string ReferenceOrigin = "reference.conf";

    private static readonly Lazy<HoconConfig> ReferenceOnly = new(ParseReference);
    private static readonly Lazy<HoconConfig> ReferenceWithEnvironment = new(() => WithEnvironment(ReferenceOnly.Value, null));

    /// <summary>reference.conf alone with the process environment's variables, read on first use; for tests and tools.</summary>
    public static HoconConfig Reference => ReferenceWithEnvironment.Value;

    /// <summary>The user's file (if given) over the environment and reference.conf.</summary>
    /// <param name="userFile">A HOCON file, or null for the defaults alone.</param>
    /// <param name="environment">Where the variables of <see cref="EnvironmentSettings"/> are looked up; the process environment by default.</param>
    /// <param name="overrides">Settings over the file (e.g. from command-line options such as <c>--data-dir</c>), or null.</param>
    public static HoconConfig Load(string? userFile = null, Func<string, string?>? environment = null, HoconConfig? overrides = null)
    {
        var defaults = WithEnvironment(ReferenceOnly.Value, environment);
        var layered = userFile is null ? defaults : Checked(HoconConfig.Load(userFile)).WithFallback(defaults);
        return overrides is null ? layered : overrides.WithFallback(layered);
    }

    /// <summary>Text (e.g. from a test) over the environment and reference.conf.</summary>
    public static HoconConfig LoadText(string text, Func<string, string?>? environment = null, string origin = "<string>") =>
        Checked(HoconConfig.Parse(text, origin)).WithFallback(WithEnvironment(ReferenceOnly.Value, environment));

    private static HoconConfig Checked(HoconConfig user)
    {
        UnknownSettings.ThrowIfAny(user, ReferenceOnly.Value);
        return user;
    }

    private static HoconConfig WithEnvironment(HoconConfig reference, Func<string, string?>? environment)
    {
        var lookup = environment ?? ProcessEnvironment;
        var result = reference;
        foreach (var (variable, path) in EnvironmentSettings)
        {
            if (lookup(variable) is { Length: > 0 } value) // set but empty: unset, as ${?VARIABLE} had it
            {
                result = HoconConfig.FromValue($"the environment variable {variable}", path, value).WithFallback(result);
            }
        }

        return result;
    }

    private static HoconConfig ParseReference()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ReferenceResourceName)
            ?? throw new HoconException(ReferenceOrigin, 1, 1, $"expected the embedded resource {ReferenceResourceName} in {typeof(ConfigLoader).Assembly.GetName().Name}, found none");
        using var reader = new StreamReader(stream);
        return HoconConfig.Parse(reader.ReadToEnd(), ReferenceOrigin);
    }

    private static string? ProcessEnvironment(string name)
    {
        try
        {
            return Environment.GetEnvironmentVariable(name);
        }
        catch (Exception exception) when (exception is ArgumentException or System.Security.SecurityException)
        {
            return null; // a name no environment can hold is simply not set
        }
    }
}
