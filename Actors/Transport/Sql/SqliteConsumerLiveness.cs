using System.Security.Cryptography;
using System.Text;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Liveness of the processes on one SQLite file: each transport instance holds an exclusive lock on
/// <c>&lt;database&gt;.consumers/&lt;hash of its id&gt;.alive</c>, which holds its id. The kernel drops the lock when the
/// process ends, even on kill -9, so a file that can be locked belongs to a process that is gone.
/// </summary>
internal sealed class SqliteConsumerLiveness : ISqlConsumerLiveness
{
    private readonly string _directory;
    private readonly string _ownPath;
    private readonly FileStream _own;
    private readonly Dictionary<string, (string Path, FileStream Lock)> _gone = new(StringComparer.Ordinal);

    private SqliteConsumerLiveness(string directory, string ownPath, FileStream own)
    {
        _directory = directory;
        _ownPath = ownPath;
        _own = own;
    }

    public string Resource => "lock files in " + _directory;

    /// <summary>Takes the lock of <paramref name="instance"/> beside <paramref name="databaseFile"/>.</summary>
    public static SqliteConsumerLiveness Hold(string databaseFile, string instance)
    {
        var directory = databaseFile + ".consumers";
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instance)))[..32] + ".alive");
        // FileShare.None is an exclusive flock on Unix: nobody else can open it while this process lives.
        var own = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        own.Write(Encoding.UTF8.GetBytes(instance));
        own.Flush(flushToDisk: true);
        return new SqliteConsumerLiveness(directory, path, own);
    }

    public Task<IReadOnlyList<string>> FindGoneAsync(CancellationToken cancellationToken)
    {
        var gone = new List<string>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*.alive"))
        {
            if (path == _ownPath || _gone.Values.Any(g => g.Path == path))
            {
                continue;
            }

            FileStream? file = null;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(file, Encoding.UTF8, leaveOpen: true);
                var instance = reader.ReadToEnd();
                if (instance.Length == 0)
                {
                    file.Dispose(); // its process died before it wrote its id: it can hold no claim
                    File.Delete(path);
                    continue;
                }

                _gone[instance] = (path, file);
                gone.Add(instance);
            }
            catch (IOException)
            {
                file?.Dispose(); // locked by a live process, or gone meanwhile
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(gone);
    }

    public Task ForgetAsync(string instance, CancellationToken cancellationToken)
    {
        if (_gone.Remove(instance, out var gone))
        {
            File.Delete(gone.Path); // deleted while locked: nobody else can find it unlocked
            gone.Lock.Dispose();
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var gone in _gone.Values)
        {
            gone.Lock.Dispose(); // not forgotten: the next finder releases its claims
        }

        File.Delete(_ownPath);
        _own.Dispose();
        return ValueTask.CompletedTask;
    }
}
