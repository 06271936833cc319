using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Wakes the consumers of other processes that share the SQLite file, without polling (SQLite has no
/// NOTIFY): a directory <c>&lt;database file&gt;.wake</c> next to the database holds one file per transport.
/// <list type="number">
/// <item>After a commit that made messages ready (or published a broadcast), the transport writes a byte
/// into its own file (<see cref="Poke"/>; coalesced: at most one write pending). The write comes after the
/// commit, so whoever it wakes sees the commit.</item>
/// <item>Each transport watches the directory (inotify through <see cref="FileSystemWatcher"/>); a write to
/// another transport's file wakes every consumer and broadcast subscriber of this process, which then look
/// at the tables. Its own file is ignored, so its own commits cost nothing more.</item>
/// <item>A transport deletes its file when disposed; files left by a crash are deleted by the next transport
/// that opens once they are a day old.</item>
/// </list>
/// A missed event (the watcher's buffer overflowed) wakes everyone; a watcher that cannot start only costs
/// latency: consumers still wake on their timers (reclaim-interval).
/// </summary>
internal sealed class SqliteWakeFiles : IAsyncDisposable
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);
    private static readonly byte[] OneByte = [1];
    private readonly SqlQueueSignals _signals;
    private readonly ILogger _logger;
    private readonly string _ownName;
    private readonly string _ownFile;
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly FileSystemWatcher? _watcher;
    private readonly Task _pokeLoop;

    public SqliteWakeFiles(string databaseFile, SqlQueueSignals signals, ILogger logger)
    {
        _signals = signals;
        _logger = logger;
        Directory = databaseFile + ".wake";
        _ownName = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        _ownFile = Path.Combine(Directory, _ownName);
        _watcher = Watch();
        _pokeLoop = Task.Run(PokeLoopAsync);
    }

    /// <summary>The directory of the wake files.</summary>
    public string Directory { get; }

    /// <summary>Tells the other processes that this one committed something worth waking for; returns at once.</summary>
    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Sends a pending poke, stops watching and deletes this transport's file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_pokes.Writer.TryComplete())
        {
            return;
        }

        await _pokeLoop.ConfigureAwait(false);
        _watcher?.Dispose();
        try
        {
            File.Delete(_ownFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            BroadcastLog.WakePokeFailed(_logger, ex, _ownFile);
        }
    }

    private FileSystemWatcher? Watch()
    {
        FileSystemWatcher? watcher = null;
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            DeleteStaleFiles();
            watcher = new FileSystemWatcher(Directory)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true; // IOException when the user's inotify instances run out
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            watcher?.Dispose();
            BroadcastLog.WakeWatchFailed(_logger, ex, Directory);
            return null;
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (!string.Equals(e.Name, _ownName, StringComparison.Ordinal))
        {
            _signals.SignalAll();
        }
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        BroadcastLog.WakeWatchFailed(_logger, e.GetException(), Directory);
        _signals.SignalAll(); // events may have been lost
    }

    private void DeleteStaleFiles()
    {
        var staleBefore = DateTime.UtcNow - StaleAfter;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
        {
            try
            {
                if (file.LastWriteTimeUtc < staleBefore)
                {
                    file.Delete();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process deleted it first, or it is not ours to delete: either way harmless.
                BroadcastLog.WakePokeFailed(_logger, ex, file.FullName);
            }
        }
    }

    private async Task PokeLoopAsync()
    {
        while (await _pokes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _pokes.Reader.TryRead(out _);
            try
            {
                // Opened each time: the file comes back if a stale-file sweep deleted it.
                using var handle = File.OpenHandle(_ownFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.Write(handle, OneByte, 0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                BroadcastLog.WakePokeFailed(_logger, ex, _ownFile);
            }
        }
    }
}
