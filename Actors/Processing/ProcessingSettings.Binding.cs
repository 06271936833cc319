using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing;

/// <summary>The sub-sections of <c>queueactors.processing</c>, one rule per value.</summary>
public sealed partial record ProcessingSettings
{
    private static IReadOnlyList<string> Names(HoconConfig section, string path, Func<string, bool> valid, string expected)
    {
        var names = section.GetStringList(path);
        return names.All(valid) ? names : throw section.InvalidValue(path, expected);
    }

    private static RetryBackoff BindBackoff(HoconConfig section)
    {
        var min = SettingRules.PositiveDuration(section, "min");
        var max = SettingRules.PositiveDuration(section, "max");
        var jitter = section.GetDouble("jitter");
        if (max < min)
        {
            throw section.InvalidValue("max", "a duration at least min");
        }

        return jitter is >= 0 and < 1 ? new RetryBackoff(min, max, jitter) : throw section.InvalidValue("jitter", "a number from 0 up to (not including) 1");
    }

    private static RestartWindow BindWindow(HoconConfig section) =>
        new(SettingRules.IntAtLeast(section, "max-restarts", -1), SettingRules.PositiveDuration(section, "within"));

    private static CircuitBreakerSettings BindCircuit(HoconConfig section)
    {
        var min = SettingRules.PositiveDuration(section, "min-backoff");
        var max = SettingRules.PositiveDuration(section, "max-backoff");
        return max >= min
            ? new CircuitBreakerSettings(SettingRules.IntAtLeast(section, "failures", 1), min, max)
            : throw section.InvalidValue("max-backoff", "a duration at least min-backoff");
    }

    private static QueueSettings BindQueue(HoconConfig section)
    {
        var concurrency = SettingRules.IntAtLeast(section, "concurrency", 1);
        var prefetch = SettingRules.IntAtLeast(section, "prefetch", 1);
        if (prefetch > ushort.MaxValue)
        {
            throw section.InvalidValue("prefetch", $"an integer of at most {ushort.MaxValue}");
        }

        if (prefetch < concurrency)
        {
            throw section.InvalidValue("prefetch", $"at least concurrency ({concurrency})");
        }

        return new QueueSettings(concurrency, (ushort)prefetch, SettingRules.PositiveDuration(section, "timeout"), SettingRules.IntAtLeast(section, "batch-size", 1))
        {
            DefaultSite = Optional(section, "default-site", QueueNames.IsValidSite, "a site name (letters, digits, '-', '_', '.'), or \"\" for none"),
            SiteField = Optional(section, "site-field", static field => !string.IsNullOrWhiteSpace(field), "a JSON property name, or \"\" for none"),
            RateLimit = BindRateLimit(section),
        };
    }

    /// <summary><c>rate-limit</c>: off, or events per second (<c>50/s</c>) or per minute (<c>600/m</c>).</summary>
    private static RateLimit? BindRateLimit(HoconConfig section)
    {
        var text = section.HasPath("rate-limit") ? section.GetString("rate-limit") : "off";
        return text is "off" or "false" or "" ? null : RateLimit.TryParse(text) ?? throw section.InvalidValue("rate-limit", "off, or events per second or minute such as 50/s or 600/m");
    }

    /// <summary>A string setting where "" (or null) means none.</summary>
    private static string? Optional(HoconConfig section, string path, Func<string, bool> valid, string expected)
    {
        var value = section.HasPath(path) ? section.GetString(path) : "";
        return value.Length == 0 ? null : valid(value) ? value : throw section.InvalidValue(path, expected);
    }
}
