using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>Parses test text as the file test.conf; environments for <see cref="ConfigLoader"/> are given, never the process's.</summary>
internal static class Hocon
{
    public static HoconConfig Resolve(string text) => HoconConfig.Parse(text, "test.conf");

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    public static HoconException Error(string text) => Assert.Throws<HoconException>(() => Resolve(text));
}
