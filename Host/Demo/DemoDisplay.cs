using System.Diagnostics;
using System.Globalization;

namespace QueueActors.Host.Demo;

/// <summary>
/// The demo's terminal output: live progress (one line rewritten in place on a terminal, a plain line a second
/// otherwise) and the summary table at the end.
/// </summary>
public sealed class DemoDisplay(TextWriter output, bool liveLine)
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);
    private int _lastWidth;

    /// <summary>Writes progress until <paramref name="cancellationToken"/> fires, then a last line.</summary>
    public async Task ShowProgressAsync(DemoStatistics statistics, int events, Stopwatch elapsed, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(liveLine ? LiveInterval : PlainInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                WriteProgress(statistics, events, elapsed.Elapsed);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended: fall through to the last line.
        }

        WriteProgress(statistics, events, elapsed.Elapsed);
        if (liveLine)
        {
            output.WriteLine();
        }
    }

    /// <summary>Writes the summary table.</summary>
    public void WriteSummary(DemoOutcome outcome, int events)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{events} events for {string.Join(", ", DemoQueues.Sites)} in {outcome.Elapsed.TotalSeconds:0.0} s"));
        output.WriteLine($"{"QUEUE",-10} {"PUBLISHED",10} {"HANDLED",10} {"RETRIED",10} {"DEAD-LETTERED",14} {"P50",10} {"P99",10}");
        foreach (var row in outcome.Counts)
        {
            output.WriteLine($"{row.Queue,-10} {row.Published,10} {row.Handled,10} {row.Retried,10} {row.DeadLettered,14} {Milliseconds(row.P50),10} {Milliseconds(row.P99),10}");
        }

        output.WriteLine("(P50/P99: publish to handled, over the handled events; retried: failed attempts scheduled again)");
        output.WriteLine(outcome.Kept
            ? $"Data (SQLite database, dead letters as JSON files): {outcome.DataDirectory}"
            : $"Data removed: {outcome.DataDirectory} (--keep or --data-dir DIR keeps it)");
    }

    private static string Milliseconds(TimeSpan? latency) =>
        latency is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.0} ms") : "-";

    private void WriteProgress(DemoStatistics statistics, int events, TimeSpan elapsed)
    {
        var (handled, retried, deadLettered) = statistics.Totals();
        var line = string.Create(CultureInfo.InvariantCulture, $"published {statistics.Published}/{events}  handled {handled}  retried {retried}  dead-lettered {deadLettered}  settled {statistics.Settled}/{events}  {elapsed.TotalSeconds:0.0} s");
        if (liveLine)
        {
            // Pad over the previous line's tail, which may have been longer.
            output.Write("\r" + line.PadRight(_lastWidth));
            _lastWidth = line.Length;
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }
}
