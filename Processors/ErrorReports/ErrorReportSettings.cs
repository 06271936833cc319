using QueueActors.Actors.Config;

namespace QueueActors.Processors.ErrorReports;

/// <summary>Where error reports go: <c>queueactors.processors.error-reports</c> (sent with the email settings).</summary>
public sealed record ErrorReportSettings
{
    /// <summary>The recipients: one address or several separated by commas.</summary>
    public required string To { get; init; }

    /// <summary>Put before every report's subject.</summary>
    public string SubjectPrefix { get; init; } = "[QueueActors] ";

    /// <summary>Binds <c>queueactors.processors.error-reports</c>; a bad value names its key.</summary>
    public static ErrorReportSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig("queueactors.processors.error-reports");
        return new ErrorReportSettings
        {
            To = ProcessorSettingRules.NonBlankString(section, "to"),
            SubjectPrefix = section.GetString("subject-prefix"),
        };
    }
}
