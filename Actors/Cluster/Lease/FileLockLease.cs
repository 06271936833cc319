using Akka.Actor;
using Akka.Coordination;

namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// A lease on one machine: the file <c>&lt;directory&gt;/&lt;lease name&gt;.lease</c> (other characters than letters,
/// digits, '.', '-' and '_' made '_') opened with
/// <see cref="FileShare.None"/> (on Linux an exclusive <c>flock</c>), kept open while the lease is held. The
/// kernel drops the lock when the file is closed, so at once when the holder's process dies. For nodes that
/// share one data directory (the embedded SQLite transport); nodes on different machines need
/// <see cref="PostgresAdvisoryLease"/> or <see cref="RabbitMqExclusiveQueueLease"/>. Its config block
/// (<see cref="TransportLeaseHocon.FilePath"/>) carries <c>directory</c>.
/// </summary>
public sealed class FileLockLease : HeldWhileOpenLease
{
    /// <summary>The key of the lease's config block that holds the directory of the lock file.</summary>
    public const string DirectoryKey = "directory";

    private readonly string _path;

    /// <summary>Made by Akka's <see cref="LeaseProvider"/> from the config block named by its config path.</summary>
    public FileLockLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings, system)
    {
        var directory = settings.LeaseConfig.GetString(DirectoryKey, null);
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException($"Lease {settings.LeaseName}: its config block has no {DirectoryKey}.", nameof(settings));
        }

        // A singleton's lease is named after its actor path ("qa-singleton-akka://qa/user/seed"): no slashes in a file name.
        var file = string.Concat(settings.LeaseName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        _path = Path.Combine(Path.GetFullPath(directory), file + ".lease");
        Resource = "file " + _path;
    }

    /// <inheritdoc />
    protected override string Resource { get; }

    private protected override Task<LeaseHold?> TryTakeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        try
        {
            var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<LeaseHold?>(new FileHold(stream));
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            return Task.FromResult<LeaseHold?>(null); // locked by another holder
        }
    }

    private sealed class FileHold(FileStream stream) : LeaseHold
    {
        private int _disposed;

        public override bool IsOpen => Volatile.Read(ref _disposed) == 0;

        public override Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>Closing the file drops the lock; the file stays (deleting it would let two holders lock two files).</summary>
        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
