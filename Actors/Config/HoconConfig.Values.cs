using System.Globalization;
using QueueActors.Actors.Config.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>Typed getters. Strings convert to numbers and booleans as the spec recommends; null, objects and arrays never convert.</summary>
public sealed partial class HoconConfig
{
    public string GetString(string path) => Scalar(path, "a string").Text;

    public long GetLong(string path) =>
        TryInteger(Scalar(path, "an integer").Text, out var number) ? number : throw InvalidValue(path, "an integer");

    public int GetInt(string path)
    {
        var number = GetLong(path);
        return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw InvalidValue(path, "a 32-bit integer");
    }

    public double GetDouble(string path) =>
        double.TryParse(Scalar(path, "a number").Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw InvalidValue(path, "a number");

    /// <summary>true/yes/on or false/no/off.</summary>
    public bool GetBool(string path) => Scalar(path, "a boolean").Text switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw InvalidValue(path, "a boolean (true/yes/on or false/no/off)"),
    };

    public TimeSpan GetDuration(string path) =>
        HoconUnits.TryParseDuration(Scalar(path, HoconUnits.DurationExpected).Text, out var duration)
            ? duration
            : throw InvalidValue(path, HoconUnits.DurationExpected);

    public long GetBytes(string path) =>
        HoconUnits.TryParseBytes(Scalar(path, HoconUnits.SizeExpected).Text, out var bytes) ? bytes : throw InvalidValue(path, HoconUnits.SizeExpected);

    public IReadOnlyList<string> GetStringList(string path)
    {
        var (value, _, keys) = Find(path);
        if (value is not HoconArray array)
        {
            throw InvalidValue(path, "a list of strings");
        }

        return [.. array.Elements.Select((element, i) => element is HoconScalar { Kind: not HoconScalarKind.Null } scalar
            ? scalar.Text
            : throw Invalid(element.Position, $"{HoconPath.Render(keys)}[{i}]", "a string", HoconRender.Describe(element)))];
    }

    /// <summary>
    /// The error for a value that does not satisfy <paramref name="expected"/>, for binders' own rules:
    /// <c>throw config.InvalidValue("throughput", "an integer of at least 1")</c> gives
    /// <c>app.conf:12:16: queueactors.actor.throughput: expected an integer of at least 1, found 0</c>.
    /// </summary>
    public HoconException InvalidValue(string path, string expected)
    {
        var (value, deepest, keys) = Find(path);
        return value is null
            ? Invalid(deepest.Position, HoconPath.Render(keys), expected, "no setting")
            : Invalid(value.Position, HoconPath.Render(keys), expected, HoconRender.Describe(value));
    }

    /// <summary>
    /// An error about the setting at <paramref name="path"/> in words of the caller's own (where no "expected …,
    /// found …" fits, e.g. a directory that cannot be written): <c>app.conf:3:18: queueactors.data-directory: reason</c>.
    /// Never put a secret into <paramref name="reason"/>.
    /// </summary>
    public HoconException ErrorAt(string path, string reason)
    {
        var (value, deepest, keys) = Find(path);
        return new HoconException((value ?? deepest).Position, reason, HoconPath.Render(keys));
    }

    private HoconScalar Scalar(string path, string expected) =>
        Find(path).Value is HoconScalar { Kind: not HoconScalarKind.Null } scalar ? scalar : throw InvalidValue(path, expected);

    /// <summary>The value at a path (null when missing), the deepest object found on the way, and the full path for messages.</summary>
    private (HoconValue? Value, HoconObject Deepest, IReadOnlyList<string> Keys) Find(string path)
    {
        var keys = HoconPath.Parse(path);
        IReadOnlyList<string> fullPath = [.. rootPath, .. keys];
        var deepest = resolved.Value;
        HoconValue current = deepest;
        foreach (var key in keys)
        {
            if (current is not HoconObject obj)
            {
                return (null, deepest, fullPath);
            }

            deepest = obj;
            if (!obj.TryGetField(key, out var next))
            {
                return (null, deepest, fullPath);
            }

            current = next;
        }

        return (current, current as HoconObject ?? deepest, fullPath);
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

    private static HoconException Invalid(HoconPosition position, string path, string expected, string found) =>
        new(position, $"expected {expected}, found {found}", path);
}
