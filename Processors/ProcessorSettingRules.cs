using QueueActors.Actors.Config;

namespace QueueActors.Processors;

/// <summary>Reads a processor setting and checks one rule; a broken rule is an error naming the key and where it was set.</summary>
internal static class ProcessorSettingRules
{
    public static int Port(HoconConfig config, string path)
    {
        var value = config.GetInt(path);
        return value is >= 1 and <= 65535 ? value : throw config.InvalidValue(path, "a TCP port from 1 to 65535");
    }

    public static TimeSpan PositiveDuration(HoconConfig config, string path)
    {
        var value = config.GetDuration(path);
        return value > TimeSpan.Zero ? value : throw config.InvalidValue(path, "a duration greater than zero");
    }

    public static string NonBlankString(HoconConfig config, string path)
    {
        var value = config.GetString(path);
        return !string.IsNullOrWhiteSpace(value) ? value.Trim() : throw config.InvalidValue(path, "a non-empty string");
    }
}
