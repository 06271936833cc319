namespace QueueActors.Processors.ErrorReports;

/// <summary>
/// The event of the error-reports queue: one error somewhere (<see cref="Source"/>: a node, a service, a site).
/// <see cref="StackTrace"/> is .NET's text (<c>Exception.StackTrace</c>); its first frame is part of the signature.
/// </summary>
public sealed record ErrorReportEvent(string Type, string Message, string? StackTrace, DateTimeOffset Time, string? Source = null)
{
    /// <summary>An event for <paramref name="error"/> that happened now.</summary>
    public static ErrorReportEvent From(Exception error, string? source = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorReportEvent(error.GetType().FullName ?? error.GetType().Name, error.Message, error.StackTrace, (time ?? TimeProvider.System).GetUtcNow(), source);
    }
}
