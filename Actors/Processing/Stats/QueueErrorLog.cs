using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>
/// Appends one JSON line per failed attempt to <c>&lt;directory&gt;/&lt;site-or-shared&gt;/&lt;queue&gt;.errors</c>, rotated to
/// <c>.errors.1</c> past <see cref="StatsSettings.ErrorLogSize"/>. Handlers only put the line into a bounded channel (never
/// waiting: a full channel drops the line and counts it); one task writes.
/// </summary>
public sealed class QueueErrorLog : IAsyncDisposable
{
    private const int Capacity = 10_000;
    private readonly StatsSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<(string Path, QueueErrorEntry Entry)> _lines =
        Channel.CreateBounded<(string, QueueErrorEntry)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Task _writer;
    private long _dropped;

    public QueueErrorLog(StatsSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time;
        _logger = logger;
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>The error log of a queue.</summary>
    public string PathOf(string queue, string? site) => Path.Combine(_settings.FolderOf(site), queue + ".errors");

    /// <summary>Records a failed attempt; never waits.</summary>
    /// <param name="site">The site of a breakout queue; null for the shared one (the event's own site is in the line).</param>
    public void Failed(string queue, string? site, Envelope envelope, Exception error)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(error);
        var entry = new QueueErrorEntry(_time.GetUtcNow(), envelope.MessageId, envelope.Site, envelope.Attempts + 1, error.GetType().FullName ?? error.GetType().Name, error.Message);
        if (!_lines.Writer.TryWrite((PathOf(queue, site), entry)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<(string Path, QueueErrorEntry Entry)>();
        while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 1000 && _lines.Reader.TryRead(out var line))
            {
                batch.Add(line);
            }

            foreach (var file in batch.GroupBy(l => l.Path, StringComparer.Ordinal))
            {
                Append(file.Key, file.Select(l => l.Entry).ToList());
            }

            batch.Clear();
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                StatsLog.ErrorLinesDropped(_logger, dropped);
            }
        }
    }

    private void Append(string path, List<QueueErrorEntry> entries)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var next = 0;
            while (next < entries.Count)
            {
                using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                for (; next < entries.Count; next++)
                {
                    var line = JsonSerializer.SerializeToUtf8Bytes(entries[next], StatsJson.Options);
                    if (file.Length > 0 && file.Length + line.Length + 1 > _settings.ErrorLogSize)
                    {
                        break;
                    }

                    file.Write(line);
                    file.WriteByte((byte)'\n');
                }

                if (next < entries.Count)
                {
                    file.Dispose();
                    File.Move(path, path + ".1", overwrite: true); // full: the one old file kept is this one
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            StatsLog.ErrorLogFailed(_logger, path, ex.Message);
        }
    }
}
