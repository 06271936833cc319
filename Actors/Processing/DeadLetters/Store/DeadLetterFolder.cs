namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>What the store needs of the dead-letter folder beyond <see cref="DeadLetterFiles"/>: ids on disk, write-if-missing, delete.</summary>
internal static class DeadLetterFolder
{
    private const string Extension = ".json";

    /// <summary>The ids of the record files in the folder (file names without <c>.json</c>; hidden files are not records).</summary>
    public static SortedSet<string> Ids(DeadLetterFiles files)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(files.Directory))
        {
            return ids;
        }

        foreach (var path in Directory.EnumerateFiles(files.Directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!name.StartsWith('.'))
            {
                ids.Add(name);
            }
        }

        return ids;
    }

    public static string PathOf(DeadLetterFiles files, string id) => Path.Combine(files.Directory, id + Extension);

    /// <summary>
    /// Writes the record's file unless it is there; true when this call wrote it. Not synced to disk: the store's
    /// journal holds the record, and its recovery writes a file lost to a power cut again.
    /// </summary>
    public static bool WriteIfMissing(DeadLetterFiles files, DeadLetterRecord record)
    {
        if (File.Exists(PathOf(files, record.Id)))
        {
            return false;
        }

        files.WriteUnsynced(record);
        return true;
    }

    /// <summary>Deletes the record's file; true when there was one.</summary>
    public static bool Delete(DeadLetterFiles files, string id)
    {
        var path = PathOf(files, id);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
