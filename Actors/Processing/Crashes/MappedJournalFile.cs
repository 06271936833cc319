using System.IO.MemoryMappedFiles;

namespace QueueActors.Actors.Processing.Crashes;

/// <summary>
/// The journal's file, appended to through a shared memory mapping: an append is a copy into the page cache, not a
/// <c>write()</c> call. Two system calls per handled event were a good part of the pipeline's CPU per event. The
/// pages are the kernel's, so what was copied survives a kill -9 of the process exactly as a write would (and, as
/// before, not a power loss). The file is as long as the mapping; past what was written it is zeros, which the
/// replay reads as the end (<see cref="ReadWritten"/>), and a clean close cuts it back to what was written.
/// </summary>
internal sealed class MappedJournalFile : IDisposable
{
    private readonly string _path;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;

    private MappedJournalFile(string path, long written, long capacity)
    {
        _path = path;
        Length = written;
        Capacity = capacity;
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity, MemoryMappedFileAccess.ReadWrite);
        _view = _map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
    }

    /// <summary>How much of the file was written.</summary>
    public long Length { get; private set; }

    /// <summary>How much it can hold before it must be compacted.</summary>
    public long Capacity { get; }

    /// <summary>Maps <paramref name="path"/> (all of it written) with room for at least <paramref name="capacity"/> bytes.</summary>
    public static MappedJournalFile Open(string path, long capacity)
    {
        var written = new FileInfo(path).Length;
        return new MappedJournalFile(path, written, Math.Max(capacity, written * 2));
    }

    /// <summary>Appends <paramref name="records"/>; false, and nothing written, when they do not fit.</summary>
    public bool TryAppend(byte[] records, int count)
    {
        if (Length + count > Capacity)
        {
            return false;
        }

        _view.WriteArray(Length, records, 0, count);
        Length += count;
        return true;
    }

    /// <summary>What a journal file holds before its unwritten tail (all of a file that has none).</summary>
    public static byte[] ReadWritten(string path)
    {
        using var file = File.OpenRead(path);
        var written = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            var end = buffer.AsSpan(0, read).IndexOf((byte)0);
            written.Write(buffer, 0, end < 0 ? read : end);
            if (end >= 0)
            {
                break;
            }
        }

        return written.ToArray();
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
        try
        {
            using var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(Length);
        }
        catch (IOException)
        {
            // Left at its mapped length: the next replay stops at the zeros all the same.
        }
    }
}
