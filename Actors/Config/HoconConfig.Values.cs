using System.Globalization;
using Akka.Configuration.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>Typed getters. Strings convert to numbers and booleans as the spec recommends; null, objects and arrays never convert.</summary>
public sealed partial class HoconConfig
{
    public string GetString(string path) => Scalar(path, "a string");

    public long GetLong(string path) =>
        TryInteger(Scalar(path, "an integer"), out var number) ? number : throw InvalidValue(path, "an integer");

    public int GetInt(string path)
    {
        var number = GetLong(path);
        return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw InvalidValue(path, "a 32-bit integer");
    }

    public double GetDouble(string path) =>
        double.TryParse(Scalar(path, "a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw InvalidValue(path, "a number");

    /// <summary>true/yes/on or false/no/off.</summary>
    public bool GetBool(string path) => Scalar(path, "a boolean") switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw InvalidValue(path, "a boolean (true/yes/on or false/no/off)"),
    };

    public TimeSpan GetDuration(string path) =>
        HoconUnits.TryParseDuration(Scalar(path, HoconUnits.DurationExpected), out var duration)
            ? duration
            : throw InvalidValue(path, HoconUnits.DurationExpected);

    public long GetBytes(string path) =>
        HoconUnits.TryParseBytes(Scalar(path, HoconUnits.SizeExpected), out var bytes) ? bytes : throw InvalidValue(path, HoconUnits.SizeExpected);

    public IReadOnlyList<string> GetStringList(string path)
    {
        var (value, _, keys) = Find(path);
        if (value is null || HoconValues.KindOf(value) != HoconValueKind.Array)
        {
            throw InvalidValue(path, "a list of strings");
        }

        var (position, name, entry) = Locate(keys);
        return [.. HoconValues.Elements(value).Select((element, i) => HoconValues.KindOf(element) == HoconValueKind.String
            ? HoconValues.Text(element)
            : throw new HoconException(
                entry is not null && i < entry.Elements.Count ? entry.Elements[i] : position,
                $"expected a string, found {HoconValues.Describe(element)}",
                $"{name}[{i}]"))];
    }

    /// <summary>
    /// The error for a value that does not satisfy <paramref name="expected"/>, for binders' own rules:
    /// <c>throw config.InvalidValue("throughput", "an integer of at least 1")</c> gives
    /// <c>app.conf:12:16: queueactors.actor.throughput: expected an integer of at least 1, found 0</c>.
    /// </summary>
    public HoconException InvalidValue(string path, string expected)
    {
        var (value, found, keys) = Find(path);
        var (position, name, _) = Locate(keys.Take(found).ToList());
        return value is null
            ? new HoconException(position, $"expected {expected}, found no setting", HoconPath.Render([.. rootPath, .. keys]))
            : new HoconException(position, $"expected {expected}, found {HoconValues.Describe(value)}", name);
    }

    /// <summary>
    /// An error about the setting at <paramref name="path"/> in words of the caller's own (where no "expected …,
    /// found …" fits, e.g. a directory that cannot be written): <c>app.conf:3:18: queueactors.data-directory: reason</c>.
    /// Never put a secret into <paramref name="reason"/>.
    /// </summary>
    public HoconException ErrorAt(string path, string reason)
    {
        var (_, found, keys) = Find(path);
        var (position, name, _) = Locate(keys.Take(found).ToList());
        return new HoconException(position, reason, found == keys.Count ? name : HoconPath.Render([.. rootPath, .. keys]));
    }

    private string Scalar(string path, string expected) =>
        Find(path).Value is { } value && HoconValues.KindOf(value) == HoconValueKind.String ? HoconValues.Text(value) : throw InvalidValue(path, expected);

    /// <summary>The value at a path (null when missing), how many of its keys were found, and its keys.</summary>
    private (HoconValue? Value, int Found, IReadOnlyList<string> Keys) Find(string path)
    {
        var keys = HoconPath.Parse(path);
        var current = config.Root;
        for (var i = 0; i < keys.Count; i++)
        {
            if (current?.GetObject() is not { } obj || !obj.Items.TryGetValue(keys[i], out var next))
            {
                return (null, i, keys);
            }

            current = next;
        }

        return (current, keys.Count, keys);
    }

    /// <summary>
    /// Where the value at <paramref name="keys"/> (relative to this root) was written: in the first layer that wrote
    /// it (a value no layer wrote as such, e.g. inside an array, at the nearest enclosing key one wrote), and its
    /// path from this configuration's root: a queue override's error names the override's key even where the value
    /// came from queue-defaults, since that is where the user sets it.
    /// </summary>
    private (HoconPosition Position, string Name, HoconSourceEntry? Entry) Locate(IReadOnlyList<string> keys)
    {
        for (var length = keys.Count; length >= 0; length--)
        {
            foreach (var layer in layers)
            {
                IReadOnlyList<string> full = [.. layer.RootPath, .. keys.Take(length)];
                if (layer.Map.Find(full) is { } entry)
                {
                    return (layer.Map.PositionOf(entry), HoconPath.Render([.. rootPath, .. keys]), length == keys.Count ? entry : null);
                }
            }
        }

        var first = layers.Count > 0 ? layers[0].Map.PositionOf(null) : new HoconPosition("<empty>", 1, 1);
        return (first, HoconPath.Render([.. rootPath, .. keys]), null);
    }

    private static bool TryInteger(string text, out long number)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        // 1e3 and 10.0 are whole numbers written as decimals.
        var isWhole = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            && exact == decimal.Truncate(exact) && exact is >= long.MinValue and <= long.MaxValue;
        number = isWhole ? (long)exact : 0;
        return isWhole;
    }
}
