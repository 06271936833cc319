using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The dead-letter folder kept in agreement with the entries.</summary>
public sealed partial class DeadLetterStore
{
    /// <summary>
    /// Both ways, after recovery: files of unknown ids are recorded (a worker of this node wrote them while the
    /// store was down, or their queue record was lost), files of purged ids are deleted, and entries whose file
    /// is missing get it written again. Then the commands stashed meanwhile run.
    /// </summary>
    private async Task ReconcileAsync()
    {
        var onDisk = DeadLetterFolder.Ids(_files);
        var found = new List<DeadLetterStored>();
        var foundEvents = new HashSet<string>(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var id in onDisk)
        {
            if (_entries.ContainsKey(id))
            {
                continue;
            }

            if (_purged.Contains(id))
            {
                deleted += TryDeleteFile(id) ? 1 : 0;
                continue;
            }

            var path = DeadLetterFolder.PathOf(_files, id);
            var record = await ReadQuietlyAsync(path);
            if (record is null || record.Id != id)
            {
                DeadLetterStoreLog.UnreadableFile(_logger, path);
                continue;
            }

            if (HeldOtherwise(record) is not null || !foundEvents.Add(record.MessageId))
            {
                deleted += TryDeleteFile(id) ? 1 : 0; // a second letter of one event
                continue;
            }

            found.Add(new DeadLetterStored(record, Now()));
        }

        // The found files are on disk already: the entries' missing files are written first, then the found recorded.
        var rewritten = 0;
        foreach (var entry in _entries.Values.Where(e => !onDisk.Contains(e.Id)).ToList())
        {
            rewritten += TryWriteFile(entry.Record) ? 1 : 0;
        }

        if (found.Count == 0)
        {
            Reconciled(found.Count, rewritten, deleted);
            return;
        }

        PersistAll(found, Apply);
        DeferAsync(found.Count, count => Reconciled(count, rewritten, deleted));
    }

    private void Reconciled(int found, int rewritten, int deleted)
    {
        DeadLetterStoreLog.Reconciled(_logger, _files.Directory, found, rewritten, deleted, _entries.Count);
        Become(Ready);
        Stash.UnstashAll();
        SnapshotIfDue();
    }

    private bool TryWriteFile(DeadLetterRecord record) => TryWriteFile(_files, _logger, record);

    /// <summary>
    /// Writes the files of <paramref name="records"/> where missing, <see cref="FileWriters"/> at a time on the thread
    /// pool (a file is small; its open, write and rename are what take the time).
    /// </summary>
    private Task WriteFilesAsync(IEnumerable<DeadLetterRecord> records)
    {
        var (files, logger) = (_files, _logger);
        var options = new ParallelOptions { MaxDegreeOfParallelism = FileWriters, CancellationToken = _stopping.Token, TaskScheduler = TaskScheduler.Default };
        return Parallel.ForEachAsync(records, options, (record, _) =>
        {
            TryWriteFile(files, logger, record);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Touches no actor state: it may run off the actor (see <see cref="WriteFilesAsync"/>).</summary>
    private static bool TryWriteFile(DeadLetterFiles files, ILogger logger, DeadLetterRecord record)
    {
        try
        {
            return DeadLetterFolder.WriteIfMissing(files, record);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            DeadLetterStoreLog.FileFailed(logger, record.Id, "written", files.Directory, ex.Message);
            return false;
        }
    }

    private bool TryDeleteFile(string id)
    {
        try
        {
            return DeadLetterFolder.Delete(_files, id);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeadLetterStoreLog.FileFailed(_logger, id, "deleted", _files.Directory, ex.Message);
            return false;
        }
    }

    private async ValueTask<DeadLetterRecord?> ReadQuietlyAsync(string path)
    {
        try
        {
            return await DeadLetterFiles.ReadAsync(path, _stopping.Token);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            DeadLetterStoreLog.FileFailed(_logger, Path.GetFileNameWithoutExtension(path), "read", _files.Directory, ex.Message);
            return null;
        }
    }
}
