using System.Text.RegularExpressions;
using QueueActors.Actors.Processing;
using QueueActors.Processors;
using QueueActors.Processors.Email;
using QueueActors.Processors.ErrorReports;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

/// <summary>The error-reports processor sending through a real SMTP server (<see cref="SmtpSink"/>).</summary>
[Trait("Category", "Integration")]
public sealed partial class ErrorReportProcessorTests(ITestOutputHelper output) : ProcessorHarnessTestBase(output)
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly ErrorReportSettings Reports = new() { To = "ops@example.org", SubjectPrefix = "[test] " };
    private SmtpSink? _sink;

    [Fact]
    public async Task A_batch_sends_one_report_per_signature_with_its_count_and_first_and_last_seen()
    {
        _sink = await SmtpSink.StartAsync();
        using var sender = new SmtpEmailSender(Smtp(_sink.Port));
        var handler = new ErrorReportHandler(sender, Reports);
        const string Stack = "   at App.Mail.Send() in /src/Mail.cs:line 3";

        await handler.HandleBatchAsync(
            [
                Queued(new("System.TimeoutException", "mail server timed out", Stack, At.AddMinutes(1), "node-1")),
                Queued(new("System.TimeoutException", "mail server timed out", Stack, At, "node-2")),
                Queued(new("System.InvalidOperationException", "no template", null, At)),
                Queued(new("System.TimeoutException", "mail server timed out", Stack, At.AddMinutes(3), "node-1")),
            ],
            CancellationToken.None);

        var reports = _sink.Messages().OrderBy(m => m.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal(["[test] 1× System.InvalidOperationException: no template", "[test] 3× System.TimeoutException: mail server timed out"], reports.Select(m => m.Subject));
        Assert.All(reports, m => Assert.Equal("ops@example.org", Assert.Single(m.To.Mailboxes).Address));
        var body = reports[1].TextBody!;
        Assert.Contains("count: 3", body, StringComparison.Ordinal);
        Assert.Contains($"first seen: {At:O}", body, StringComparison.Ordinal);
        Assert.Contains($"last seen: {At.AddMinutes(3):O}", body, StringComparison.Ordinal);
        Assert.Contains("sources: node-1, node-2", body, StringComparison.Ordinal);
        Assert.Contains("at App.Mail.Send()", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_published_on_the_queue_are_all_reported_grouped_by_signature()
    {
        _sink = await SmtpSink.StartAsync();
        await StartAsync(services => services.AddErrorReportProcessor(Reports, Smtp(_sink.Port)), "queueactors.processing.queue-overrides.error_reports { batch-size = 50, prefetch = 50 }");

        for (var i = 0; i < 6; i++)
        {
            await Harness.Publisher.PublishAsync("example.org", "error_reports", new ErrorReportEvent(i % 2 == 0 ? "A" : "B", "boom", null, At.AddSeconds(i)));
        }

        await Recorder.WaitUntilAsync(r => r.Handled.Count == 6, "all 6 errors handled");
        // However the events fell into batches: one report per signature and batch, and every error counted once.
        var counted = _sink.Messages().Select(m => CountOf().Match(m.Subject!)).ToList();
        Assert.Equal(3, counted.Where(m => m.Groups["type"].Value == "A").Sum(m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(3, counted.Where(m => m.Groups["type"].Value == "B").Sum(m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }

    [GeneratedRegex(@"^\[test\] (?<count>[0-9]+)× (?<type>[AB]): boom$")]
    private static partial Regex CountOf();

    private static SmtpSettings Smtp(int port) => new() { Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None, From = "errors@queueactors.test" };

    private static QueuedEvent<ErrorReportEvent> Queued(ErrorReportEvent error) =>
        new(error, new HandlerContext { Site = "s", Queue = "error_reports", MessageId = Guid.NewGuid().ToString("N"), Attempts = 0, EnqueuedAt = error.Time });
}
