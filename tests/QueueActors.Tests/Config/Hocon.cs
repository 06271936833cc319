using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>Parses and resolves test text against a given environment (never the process's, so tests do not depend on the machine).</summary>
internal static class Hocon
{
    public static HoconConfig Resolve(string text, params (string Name, string Value)[] environment) =>
        HoconConfig.Parse(text, "test.conf").Resolve(Environment(environment));

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    public static HoconException Error(string text, params (string Name, string Value)[] environment) =>
        Assert.Throws<HoconException>(() => Resolve(text, environment));
}
