using System.Text;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Processing.Crashes;

/// <summary>
/// How this node knows that an event's handling had started when a worker died, so that only those events
/// count a crash (a broker redelivers prefetched events that never reached a handler too, and its delivery
/// count cannot tell them apart):
/// <list type="number">
/// <item>Before a handler is invoked on an event, <c>S id</c> is appended to
/// <c>&lt;data-directory&gt;/handling/&lt;node&gt;.journal</c>; before the delivery is acked (or its retry
/// published, or it is dead-lettered) an end record follows. Each is a copy into the file's shared memory mapping
/// (<see cref="MappedJournalFile"/>), no fsync: the page cache keeps it through a kill -9 of the process (not
/// through a power loss).</item>
/// <item>At start the node reads the journal: each <c>S</c> without an end is an event that was in a handler
/// when the previous incarnation died, so its crash count (kept, compacted, for <see cref="Retention"/>) goes
/// up by one. A redelivery's attempts are raised by that count only; a redelivery without one is an ordinary
/// attempt.</item>
/// <item>One event never becomes two: each retry copy carries a token (header <see cref="TokenHeader"/>);
/// <c>P id k token</c> is appended before its publish and <c>R …</c> after the broker confirmed it, and
/// <c>D id k</c> after a dead letter. A later delivery of that id with at most k attempts and another token is
/// a stale copy (see <see cref="Judge"/>).</item>
/// </list>
/// The journal is per node name and data directory and held with an exclusive lock for the process's life,
/// so two processes with one name on one directory fail at start. It is exact for the events this node
/// handled; an event redelivered to another node after a death is counted by that node's journal only from
/// then on, so a poison event is bounded by <c>nodes × (max-retries + 1)</c> deaths at worst. The SQL
/// transport uses this journal too (one mechanism on every transport; its row's delivery count, like the
/// broker's, also counts claims that never reached a handler).
/// </summary>
internal sealed partial class HandlingJournal(string directory, string node, TimeProvider time, ILogger logger)
{
    /// <summary>How long a crash count or a retry token is kept after it was last written.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>The header carrying a retry copy's token: an application header (the transports drop "qa-" and "x-" ones), kept out of the handler's view.</summary>
    public const string TokenHeader = "queueactors-retry";

    /// <summary>A journal that fills this much is compacted to its live entries.</summary>
    private const long CompactAt = 16L << 20;

    private readonly object _gate = new();
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, long At)> _crashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveCopy> _live = new(StringComparer.Ordinal);
    private FileStream? _lock;
    private MappedJournalFile? _append;

    // The records of one write, encoded here and reused under the lock: a start and an end per event allocate nothing.
    private byte[] _record = new byte[256];
    private int _recordLength;

    /// <summary>The journal file.</summary>
    public string FilePath { get; } = Path.Combine(Path.GetFullPath(directory), NodeSettings.FileNameOf(node) + ".journal");

    private string LockPath => Path.ChangeExtension(FilePath, ".lock");

    /// <summary>Takes the lock, reads what the previous incarnation left, compacts and opens for appending.</summary>
    /// <exception cref="HandlingJournalLockedException">Another process holds this node's journal.</exception>
    public void Open()
    {
        lock (_gate)
        {
            if (_append is not null)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            try
            {
                _lock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex)
            {
                throw new HandlingJournalLockedException(LockPath, ex);
            }

            Replay();
            var crashed = _started.Count;
            foreach (var id in _started)
            {
                _crashes[id] = (_crashes.TryGetValue(id, out var c) ? c.Count + 1 : 1, Now);
            }

            _started.Clear();
            CompactLocked();
            if (crashed > 0)
            {
                CrashLog.CrashesFound(logger, crashed, FilePath);
            }
        }
    }

    /// <summary>Closes the file and releases the lock; later writes are ignored, <see cref="Started"/> throws.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _append?.Dispose();
            _append = null;
            _lock?.Dispose();
            _lock = null;
        }
    }

    /// <summary>Handlers are about to be invoked on these events.</summary>
    /// <exception cref="IOException">The start could not be recorded (the events are not handled then).</exception>
    public void Started(IReadOnlyList<string> messageIds) => Started(messageIds, static id => id);

    /// <summary>Handling of the items' events starts; <paramref name="idOf"/> names each one's message id (no list of ids is made per event).</summary>
    public void Started<T>(IReadOnlyList<T> items, Func<T, string> idOf)
    {
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var id = idOf(items[i]);
                AppendRecord('S', id);
                _started.Add(id);
            }

            WriteLocked(required: true);
        }
    }

    /// <summary>Handling ended and the outcome needs no copy (handled, or put back unchanged).</summary>
    public void Ended(IReadOnlyList<string> messageIds) => Ended(messageIds, static id => id);

    /// <summary>Handling of the items' events ended and the outcome needs no copy.</summary>
    public void Ended<T>(IReadOnlyList<T> items, Func<T, string> idOf)
    {
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var id = idOf(items[i]);
                AppendRecord('E', id);
                _started.Remove(id);
                _crashes.Remove(id);
            }

            WriteLocked(required: false);
        }
    }

    /// <summary>A retry copy with <paramref name="attempts"/> and <paramref name="token"/> is about to be published.</summary>
    public void RetryPublishing(string messageId, int attempts, string token) =>
        Record($"P {Escape(messageId)} {attempts} {token}", messageId, new LiveCopy(attempts, token, Confirmed: false, Now));

    /// <summary>The broker confirmed the retry copy (written before the original is acked).</summary>
    public void RetryPublished(string messageId, int attempts, string token) =>
        Record($"R {Escape(messageId)} {attempts} {token}", messageId, new LiveCopy(attempts, token, Confirmed: true, Now));

    /// <summary>The event is in dead letters with <paramref name="attempts"/> (written before the ack).</summary>
    public void DeadLettered(string messageId, int attempts) =>
        Record($"D {Escape(messageId)} {attempts}", messageId, new LiveCopy(attempts, null, Confirmed: true, Now));

    /// <summary>How often a worker of this node died while handling the event (0: never).</summary>
    public int CrashesOf(string messageId)
    {
        lock (_gate)
        {
            return _crashes.TryGetValue(messageId, out var crashes) ? crashes.Count : 0;
        }
    }

    /// <summary>
    /// Whether a delivery of <paramref name="messageId"/> with <paramref name="attempts"/> and retry
    /// <paramref name="token"/> (null for an original) goes on: <see cref="JournalVerdict.Stale"/> when a retry
    /// with a later or equal attempt and another token was confirmed (or the event was dead-lettered);
    /// <see cref="JournalVerdict.RedoRetry"/> for an earlier copy of a retry whose publish never got its
    /// confirmation written (<paramref name="retryAttempts"/> says which attempt to publish).
    /// </summary>
    public JournalVerdict Judge(string messageId, int attempts, string? token, out int retryAttempts)
    {
        lock (_gate)
        {
            retryAttempts = 0;
            if (!_live.TryGetValue(messageId, out var live) || attempts > live.Attempts)
            {
                return JournalVerdict.Take; // unknown here, or newer than what this node knows
            }

            if (live.Token is not null && token == live.Token)
            {
                return JournalVerdict.Take; // the copy that carries the sequence
            }

            if (live.Confirmed)
            {
                // A copy without a token at the retry's own attempt is not one of ours: taken rather than risked.
                return token is null && live.Token is not null && attempts == live.Attempts ? JournalVerdict.Take : JournalVerdict.Stale;
            }

            retryAttempts = live.Attempts;
            return attempts < live.Attempts ? JournalVerdict.RedoRetry : JournalVerdict.Take;
        }
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Record(string line, string messageId, LiveCopy live)
    {
        lock (_gate)
        {
            _started.Remove(messageId);
            _crashes.Remove(messageId);
            _live[messageId] = live;
            AppendText(line + "\n");
            WriteLocked(required: false);
        }
    }

    private void AppendRecord(char kind, string messageId)
    {
        var id = Escape(messageId);
        Reserve(3 + Encoding.UTF8.GetMaxByteCount(id.Length));
        _record[_recordLength++] = (byte)kind;
        _record[_recordLength++] = (byte)' ';
        _recordLength += Encoding.UTF8.GetBytes(id, _record.AsSpan(_recordLength));
        _record[_recordLength++] = (byte)'\n';
    }

    private void AppendText(string text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _recordLength += Encoding.UTF8.GetBytes(text, _record.AsSpan(_recordLength));
    }

    private void Reserve(int bytes)
    {
        if (_recordLength + bytes > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_recordLength + bytes, _record.Length * 2));
        }
    }

    /// <summary>Appends the records made since the last append, in one copy.</summary>
    private void WriteLocked(bool required)
    {
        var length = _recordLength;
        _recordLength = 0;
        if (length == 0)
        {
            return;
        }

        if (_append is null)
        {
            if (required)
            {
                throw new ObjectDisposedException(FilePath, "The handling journal is closed.");
            }

            return;
        }

        try
        {
            if (!_append.TryAppend(_record, length))
            {
                CompactLocked(); // full: what the records say is in the state the compaction writes
            }
        }
        catch (IOException ex) when (!required)
        {
            CrashLog.JournalWriteFailed(logger, FilePath, ex.Message);
        }
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    /// <summary>The newest copy of an event this node published (a retry) or dead-lettered (null token).</summary>
    private readonly record struct LiveCopy(int Attempts, string? Token, bool Confirmed, long At);
}
