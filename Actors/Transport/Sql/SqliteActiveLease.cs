using System.Security.Cryptography;
using System.Text;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// The right to consume a single-active-consumer queue among all processes on one SQLite file: an exclusive
/// lock on the file <c>&lt;database&gt;.leases/&lt;queue hash&gt;.lock</c>, held open. The operating system
/// frees it when the process ends, even on kill -9, so a standby process takes over (it tries again at least
/// every reclaim-interval, and at once when a holder releases the lease on purpose and pokes the others).
/// </summary>
internal sealed class SqliteActiveLease(FileStream file, SqliteWakeFiles wakeFiles) : IAsyncDisposable
{
    public static IAsyncDisposable? TryTake(string databaseFile, string queue, SqliteWakeFiles wakeFiles)
    {
        var directory = databaseFile + ".leases";
        Directory.CreateDirectory(directory);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(queue)))[..32] + ".lock";
        try
        {
            // FileShare.None is an exclusive flock on Unix (and a sharing lock on Windows): a second holder fails here.
            return new SqliteActiveLease(new FileStream(Path.Combine(directory, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), wakeFiles);
        }
        catch (IOException)
        {
            return null; // another process consumes the queue
        }
    }

    public async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        wakeFiles.Poke();
    }
}
