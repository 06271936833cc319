namespace QueueActors.Processors.ErrorReports;

/// <summary>
/// The errors of a batch that share a signature: the same type, message and top stack frame (so one bug hit a thousand
/// times is one report). <see cref="Example"/> is the first of them.
/// </summary>
public sealed record ErrorGroup(string Type, string Message, string? TopFrame, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<string> Sources, ErrorReportEvent Example)
{
    /// <summary>One group per signature of <paramref name="errors"/>, in first-seen order of the batch.</summary>
    public static IReadOnlyList<ErrorGroup> Group(IEnumerable<ErrorReportEvent> errors) =>
        [.. errors
            .GroupBy(e => (e.Type, e.Message, TopFrame: TopFrameOf(e.StackTrace)))
            .Select(group => new ErrorGroup(
                group.Key.Type,
                group.Key.Message,
                group.Key.TopFrame,
                group.Count(),
                group.Min(e => e.Time),
                group.Max(e => e.Time),
                [.. group.Select(e => e.Source).OfType<string>().Distinct(StringComparer.Ordinal)],
                group.First()))];

    /// <summary>The first frame of a .NET stack trace (<c>at Namespace.Type.Method(…)</c>, without its file and line); null if none.</summary>
    public static string? TopFrameOf(string? stackTrace)
    {
        var first = stackTrace?.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("at ", StringComparison.Ordinal));
        if (first is null)
        {
            return null;
        }

        // "in /src/File.cs:line 12" differs between builds of the same code: the method is the signature.
        var location = first.IndexOf(" in ", StringComparison.Ordinal);
        return location < 0 ? first : first[..location];
    }
}
