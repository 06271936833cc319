using System.Globalization;

namespace QueueActors.Actors.Config;

/// <summary>
/// The "units format" of the spec: a number, optional whitespace, an optional unit of letters. A plain
/// number is milliseconds for a duration and bytes for a size. Duration units are lowercase only; one-letter
/// size units may be either case; K, M, G... are powers of 1024, kB/KB, MB, GB... powers of 1000.
/// </summary>
internal static class HoconUnits
{
    public const string DurationExpected = "a duration such as 500ms, 5s or 1m (units: ns, us, ms, s, m, h, d; a plain number is milliseconds)";
    public const string SizeExpected = "a size such as 512K, 10MiB or 1GB (units: B, K/KiB, M/MiB, G/GiB, kB/KB, MB, GB, ...; a plain number is bytes)";

    private static readonly Dictionary<string, decimal> TicksPerDurationUnit = Units(
        (0.01m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (TimeSpan.TicksPerMicrosecond, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (TimeSpan.TicksPerMillisecond, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (TimeSpan.TicksPerSecond, ["s", "second", "seconds"]),
        (TimeSpan.TicksPerMinute, ["m", "minute", "minutes"]),
        (TimeSpan.TicksPerHour, ["h", "hour", "hours"]),
        (TimeSpan.TicksPerDay, ["d", "day", "days"]));

    private static readonly Dictionary<string, decimal> BytesPerSizeUnit = Units(
        (1m, ["", "B", "b", "byte", "bytes"]),
        (1e3m, ["kB", "KB", "kilobyte", "kilobytes"]),
        (1e6m, ["MB", "megabyte", "megabytes"]),
        (1e9m, ["GB", "gigabyte", "gigabytes"]),
        (1e12m, ["TB", "terabyte", "terabytes"]),
        (1e15m, ["PB", "petabyte", "petabytes"]),
        (1e18m, ["EB", "exabyte", "exabytes"]),
        (1024m, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (1024m * 1024, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (1024m * 1024 * 1024, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (1024m * 1024 * 1024 * 1024, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
        (1024m * 1024 * 1024 * 1024 * 1024, ["P", "p", "Pi", "PiB", "pebibyte", "pebibytes"]),
        (1024m * 1024 * 1024 * 1024 * 1024 * 1024, ["E", "e", "Ei", "EiB", "exbibyte", "exbibytes"]));

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (!TryScale(text, TicksPerDurationUnit, TimeSpan.MaxValue.Ticks, out var ticks))
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(ticks, MidpointRounding.AwayFromZero));
        return true;
    }

    /// <summary>Fractions are fine (1.5K) as long as the result is a whole number of bytes.</summary>
    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = default;
        if (!TryScale(text, BytesPerSizeUnit, long.MaxValue, out var exact) || exact != decimal.Truncate(exact))
        {
            return false;
        }

        bytes = (long)exact;
        return true;
    }

    private static bool TryScale(string text, Dictionary<string, decimal> units, long max, out decimal scaled)
    {
        scaled = default;
        var trimmed = text.Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }

        var number = trimmed[..unitStart].TrimEnd();
        if (!units.TryGetValue(trimmed[unitStart..], out var factor)
            || number.Length == 0
            || !decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            || Math.Abs(amount) > max / factor)
        {
            return false;
        }

        scaled = amount * factor;
        return true;
    }

    private static Dictionary<string, decimal> Units(params (decimal Factor, string[] Names)[] families) =>
        families.SelectMany(family => family.Names.Select(name => (name, family.Factor))).ToDictionary(StringComparer.Ordinal);
}
