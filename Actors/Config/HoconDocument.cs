using System.Security;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>
/// One HOCON document read by Akka.NET's parser (<see cref="Parser"/>), with where its keys were written.
/// <see cref="HoconScanner"/> reads the text first (positions, and the errors Akka's parser would not report);
/// Akka's own errors are given a position where their message allows (see <see cref="Fail"/>).
/// Includes: <c>include "name.conf"</c>, relative to the including file's folder (Akka's only include form).
/// </summary>
internal static partial class HoconDocument
{
    /// <summary>Parses text; relative includes are looked for in <paramref name="includeDirectory"/> (the working directory without one).</summary>
    public static (Akka.Configuration.Config Config, HoconSourceMap Map) Parse(string text, string origin, string? includeDirectory, IReadOnlyList<string>? includeChain = null)
    {
        var map = new HoconSourceMap(origin);
        var chain = includeChain ?? [];
        text = StripByteOrderMark(text);
        Scan(text, origin, map, [], includeDirectory, chain);
        var root = ParseWithAkka(text, origin, map, includeDirectory);
        CheckForCycles(root.Value, map);
        return (new Akka.Configuration.Config(root), map);
    }

    /// <summary>Reads a file; errors about the file itself name it as given, at line 1.</summary>
    public static string ReadFile(string path, HoconPosition? includedAt = null)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            throw includedAt is { } at
                ? new HoconException(at, $"cannot read the included file {path}: {exception.Message}", innerException: exception)
                : new HoconException(path, 1, 1, $"cannot read the configuration file: {exception.Message}", innerException: exception);
        }
    }

    private static void Scan(string text, string origin, HoconSourceMap map, IReadOnlyList<string> prefix, string? directory, IReadOnlyList<string> chain) =>
        HoconScanner.Scan(text, origin, map, prefix, (at, name, position) =>
        {
            var file = IncludedFile(directory, name);
            if (chain.Contains(file, StringComparer.Ordinal))
            {
                throw new HoconException(position, $"expected no include cycle, found {string.Join(" -> ", chain.Append(file))}");
            }

            if (!File.Exists(file))
            {
                throw new HoconException(position, $"included file \"{name}\" not found (looked for {file})");
            }

            // Keys of an include inside an array are not addressable: scan into a map nobody reads.
            Scan(StripByteOrderMark(ReadFile(file, position)), file, at is null ? new HoconSourceMap(file) : map, at ?? [], Path.GetDirectoryName(file), [.. chain, file]);
        });

    private static HoconRoot ParseWithAkka(string text, string origin, HoconSourceMap map, string? directory)
    {
        var (akkaText, includesAtRoot) = HoconScanner.ForAkka(text, origin);
        var includes = 0;
        try
        {
            return Parser.Parse(akkaText, name =>
            {
                var file = IncludedFile(directory, name);
                var included = ParseWithAkka(StripByteOrderMark(ReadFile(file)), file, map, Path.GetDirectoryName(file));

                // Akka re-resolves an included file's substitutions under "<path of the include>.", which at the root
                // is ".x" and never resolves: there they keep what they resolved to within the included file.
                return includes < includesAtRoot.Count && includesAtRoot[includes++] ? new HoconRoot(included.Value, []) : included;
            });
        }
        catch (Exception exception) when (exception is not (HoconException or OutOfMemoryException))
        {
            throw Fail(exception, text, origin, map);
        }
    }

    private static string IncludedFile(string? directory, string name) => Path.GetFullPath(Path.Combine(directory ?? Directory.GetCurrentDirectory(), name));

    private static string StripByteOrderMark(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>
    /// Akka's parser error as ours. Its messages carry a character index ("Unknown token at position 12") or a
    /// substitution path ("Unresolved substitution: a.b", found again among the scanned substitutions); any
    /// other gets no line (the scan rejects what we know of them before Akka sees the text).
    /// </summary>
    private static HoconException Fail(Exception exception, string text, string origin, HoconSourceMap map)
    {
        var message = exception.Message.Split('\n')[0].Trim();
        if (AtPosition().Match(message) is { Success: true } at)
        {
            var position = HoconScanner.PositionOf(text, origin, int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            return new HoconException(position, $"expected HOCON that Akka.NET reads, found an unexpected character ({message})", innerException: exception);
        }

        if (Unresolved().Match(message) is { Success: true } unresolved)
        {
            var path = unresolved.Groups[1].Value.TrimStart('.');
            var written = map.Substitutions.FirstOrDefault(each => each.Path == path || path.EndsWith("." + each.Path, StringComparison.Ordinal));
            var reason = $"expected a setting at ${{{path}}}, found none (Akka.NET resolves a substitution within the file that holds it and its includes: not from reference.conf or the environment)";
            return new HoconException(written.Path is null ? new HoconPosition(origin, 0, 0) : written.Position, reason, innerException: exception);
        }

        return new HoconException(new HoconPosition(origin, 0, 0), $"Akka.NET's HOCON parser failed: {message}", innerException: exception);
    }

    [GeneratedRegex(@"at position (\d+)")]
    private static partial Regex AtPosition();

    [GeneratedRegex(@"^Unresolved substitution: (.+)$")]
    private static partial Regex Unresolved();
}
