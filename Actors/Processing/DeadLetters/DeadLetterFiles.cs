using System.Text.Json;

namespace QueueActors.Actors.Processing.DeadLetters;

/// <summary>
/// The dead-letter folder: one JSON file per record.
/// <list type="number">
/// <item>The file name is the record's <see cref="DeadLetterRecord.Id"/> (a time stamp and a hash of the
/// message id), never anything from the payload, so no event can name a path outside the folder; one event
/// has one file, and a second write for it keeps the first.</item>
/// <item>A write goes to a hidden temporary file first, flushed to disk, then renamed into place: a reader
/// (or a crash) never sees half a record.</item>
/// </list>
/// </summary>
public sealed class DeadLetterFiles(string directory)
{
    private const string Extension = ".json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The folder (absolute).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Writes the record atomically, synced to disk (a worker's letter may be the only copy); returns the file's path.</summary>
    public async Task<string> WriteAsync(DeadLetterRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsSafeId(record.Id))
        {
            throw new ArgumentException($"Dead-letter id {record.Id} is not a safe file name.", nameof(record));
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, record.Id + Extension);
        var temporary = Path.Combine(Directory, "." + record.Id + ".tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, record, Json, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return path;
        }
        catch (IOException) when (File.Exists(path))
        {
            return path; // this event has its letter already (a copy that came back after a death): it stays one
        }
        finally
        {
            File.Delete(temporary); // a no-op after the rename
        }
    }

    /// <summary>
    /// Writes the record atomically, synchronously and not synced to disk: for the dead-letter store, whose journal
    /// holds the record and whose recovery writes a file lost to a power cut again. Returns the file's path.
    /// </summary>
    public string WriteUnsynced(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsSafeId(record.Id))
        {
            throw new ArgumentException($"Dead-letter id {record.Id} is not a safe file name.", nameof(record));
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, record.Id + Extension);
        var temporary = Path.Combine(Directory, "." + record.Id + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, ToJson(record));
            File.Move(temporary, path, overwrite: false);
            return path;
        }
        catch (IOException) when (File.Exists(path))
        {
            return path; // written meanwhile (by a worker of this node): one letter per event
        }
        finally
        {
            File.Delete(temporary); // a no-op after the rename
        }
    }

    /// <summary>Every record in the folder, oldest first; files that are not records are skipped.</summary>
    public async Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var records = new List<DeadLetterRecord>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            if (await ReadAsync(file, cancellationToken).ConfigureAwait(false) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>Reads one record; null when the file is not one.</summary>
    public static async Task<DeadLetterRecord?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<DeadLetterRecord>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null; // not a record of ours
        }
    }

    /// <summary>Serializes a record as the dead-letter queue carries it.</summary>
    public static byte[] ToJson(DeadLetterRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Json);

    private static bool IsSafeId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
