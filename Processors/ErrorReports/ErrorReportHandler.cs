using System.Globalization;
using System.Text;
using QueueActors.Actors.Processing;
using QueueActors.Processors.Email;

namespace QueueActors.Processors.ErrorReports;

/// <summary>
/// The error-reports processor (Zulip's error_reports worker): takes the queue's errors in batches, groups them by
/// signature (<see cref="ErrorGroup"/>) and emails one report per group, with its count and first and last time
/// seen, through the email processor's <see cref="SmtpEmailSender"/>. A failed send retries the batch (a report
/// already sent for it may then come twice).
/// </summary>
[Queue(QueueName)]
public sealed class ErrorReportHandler(SmtpEmailSender sender, ErrorReportSettings settings) : IBatchHandler<ErrorReportEvent>
{
    /// <summary>The queue it consumes unless registered on another.</summary>
    public const string QueueName = "error_reports";

    private const int SubjectMessageLength = 80;

    public async ValueTask HandleBatchAsync(IReadOnlyList<QueuedEvent<ErrorReportEvent>> events, CancellationToken cancellationToken)
    {
        foreach (var group in ErrorGroup.Group(events.Select(e => e.Event)))
        {
            var message = sender.Compose(new EmailMessage(settings.To, Subject(group), Body(group)));
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Subject(ErrorGroup group)
    {
        var text = group.Message.ReplaceLineEndings(" ");
        text = text.Length <= SubjectMessageLength ? text : text[..SubjectMessageLength] + "…";
        return string.Create(CultureInfo.InvariantCulture, $"{settings.SubjectPrefix}{group.Count}× {group.Type}: {text}");
    }

    private static string Body(ErrorGroup group)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"{group.Type}: {group.Message}\n\n");
        body.Append(CultureInfo.InvariantCulture, $"count: {group.Count}\n");
        body.Append(CultureInfo.InvariantCulture, $"first seen: {group.FirstSeen:O}\n");
        body.Append(CultureInfo.InvariantCulture, $"last seen: {group.LastSeen:O}\n");
        if (group.Sources.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"sources: {string.Join(", ", group.Sources)}\n");
        }

        if (group.Example.StackTrace is { } stack)
        {
            body.Append('\n').Append(stack).Append('\n');
        }

        return body.ToString();
    }
}
