using System.Diagnostics;
using System.Globalization;

namespace QueueActors.Host.Cli;

/// <summary>
/// <c>publish --count N</c>'s live line on a terminal: confirmed so far, the rate, redrawn in place (<c>\r</c>) a few
/// times a second. Quiet when stdout is not a terminal (a pipe or a file keeps the one answer line), and when it ends
/// the line is blanked so the answer replaces it.
/// </summary>
public sealed class PublishProgress(TextWriter output, int total, bool live)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _started = Stopwatch.StartNew();
    private int _done;
    private int _width;

    /// <summary>For the console: live exactly when stdout is a terminal.</summary>
    public static PublishProgress ForConsole(int total) => new(Console.Out, total, live: !Console.IsOutputRedirected);

    /// <summary>One more event confirmed.</summary>
    public void Confirmed() => Interlocked.Increment(ref _done);

    /// <summary>Redraws the line until <paramref name="cancellationToken"/> is cancelled, then blanks it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!live)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Render();
            }
        }
        catch (OperationCanceledException)
        {
        }

        Clear();
    }

    /// <summary>Draws the line once (nothing when not live).</summary>
    public void Render()
    {
        if (!live)
        {
            return;
        }

        var done = Volatile.Read(ref _done);
        var seconds = Math.Max(_started.Elapsed.TotalSeconds, 0.001);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"publishing: {done:N0}/{total:N0} confirmed ({100.0 * done / total:0} %), {done / seconds:N0}/s");
        Write(line);
    }

    private void Clear()
    {
        Write(string.Empty);
        output.Write('\r');
        output.Flush();
    }

    private void Write(string line)
    {
        output.Write("\r" + line.PadRight(_width));
        output.Flush();
        _width = Math.Max(_width, line.Length);
    }
}
