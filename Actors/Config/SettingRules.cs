namespace QueueActors.Actors.Config;

/// <summary>Reads a value and checks one rule; a broken rule is an error naming the key, where it was set, and the rule.</summary>
internal static class SettingRules
{
    public static int IntAtLeast(HoconConfig config, string path, int minimum)
    {
        var value = config.GetInt(path);
        return value >= minimum ? value : throw config.InvalidValue(path, $"an integer of at least {minimum}");
    }

    public static TimeSpan PositiveDuration(HoconConfig config, string path)
    {
        var value = config.GetDuration(path);
        return value > TimeSpan.Zero ? value : throw config.InvalidValue(path, "a duration greater than zero");
    }

    public static string NonBlankString(HoconConfig config, string path)
    {
        var value = config.GetString(path);
        return !string.IsNullOrWhiteSpace(value) ? value : throw config.InvalidValue(path, "a non-empty string");
    }
}
