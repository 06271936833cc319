namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>The dead-letter folder kept in agreement with the entries.</summary>
public sealed partial class DeadLetterStore
{
    /// <summary>
    /// Both ways, after recovery: files of unknown ids are recorded (a worker of this node wrote them while the
    /// store was down, or their queue record was lost), files of purged ids are deleted, and entries whose file
    /// is missing get it written again. Then the commands stashed meanwhile run.
    /// </summary>
    private async ValueTask ReconcileAsync()
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
            var record = await ReadQuietlyAsync(path).ConfigureAwait(false);
            if (record is null || record.Id != id)
            {
                DeadLetterStoreLog.UnreadableFile(Context.Log, path);
                continue;
            }

            if (HeldOtherwise(record) is not null || !foundEvents.Add(record.MessageId))
            {
                deleted += TryDeleteFile(id) ? 1 : 0; // a second letter of one event
                continue;
            }

            found.Add(new DeadLetterStored(record, Now()));
        }

        await PersistAllAsync(found, Apply).ConfigureAwait(false);

        var rewritten = 0;
        foreach (var entry in _entries.Values.Where(e => !onDisk.Contains(e.Id)).ToList())
        {
            rewritten += await TryWriteFileAsync(entry.Record).ConfigureAwait(false) ? 1 : 0;
        }

        _reconciled = true;
        DeadLetterStoreLog.Reconciled(Context.Log, _files.Directory, found.Count, rewritten, deleted, _entries.Count);
        Context.Stash.UnstashAll();
        await SnapshotIfDueAsync().ConfigureAwait(false);
    }

    private async ValueTask<bool> TryWriteFileAsync(DeadLetterRecord record)
    {
        try
        {
            return await DeadLetterFolder.WriteIfMissingAsync(_files, record, Context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            DeadLetterStoreLog.FileFailed(Context.Log, record.Id, "written", _files.Directory, ex.Message);
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
            DeadLetterStoreLog.FileFailed(Context.Log, id, "deleted", _files.Directory, ex.Message);
            return false;
        }
    }

    private async ValueTask<DeadLetterRecord?> ReadQuietlyAsync(string path)
    {
        try
        {
            return await DeadLetterFiles.ReadAsync(path, Context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            DeadLetterStoreLog.FileFailed(Context.Log, Path.GetFileNameWithoutExtension(path), "read", _files.Directory, ex.Message);
            return null;
        }
    }
}
