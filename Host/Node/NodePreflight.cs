using QueueActors.Actors.Config;

namespace QueueActors.Host.Node;

/// <summary>
/// What a node checks before it opens anything, beyond the rules of each setting (bound in
/// <see cref="NodeOptions.FromConfig"/>): the directories it will write to can be written, the remoting TLS certificate opens. Found at start, a bad
/// directory is one message naming the setting; found later it was a stack trace, or a dead letter that could not
/// be written.
/// </summary>
internal static class NodePreflight
{
    private const string DataDirectoryPath = "queueactors.data-directory";
    private const string DeadLetterDirectoryPath = "queueactors.processing.dead-letter-dir";

    /// <exception cref="HoconException">A directory is unusable; the message names the setting and where it was set.</exception>
    public static void Check(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesDataDirectory)
        {
            CheckDataDirectory(options);
        }

        CheckDeadLetterDirectory(options);
        if (options.IsClusterMember)
        {
            Tls.RemotingTls.For(options); // loaded again by NodeAkka; here so a bad file or password stops the start with its key
        }
    }

    private static void CheckDataDirectory(NodeOptions options)
    {
        var directory = options.Sqlite.DataDirectory;
        var doing = "create";
        try
        {
            directory = Path.GetFullPath(directory);
            Directory.CreateDirectory(directory);

            // A directory that exists is not yet one we may write to (a read-only mount, another owner).
            doing = "write in";
            using var probe = new FileStream(Path.Combine(directory, $".write-test-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw options.Config.ErrorAt(DataDirectoryPath, $"cannot {doing} the data directory {directory} ({OneLine(error.Message)})");
        }
    }

    private static void CheckDeadLetterDirectory(NodeOptions options)
    {
        string directory;
        try
        {
            directory = Path.GetFullPath(options.Processing.DeadLetterDirectory);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException)
        {
            throw options.Config.ErrorAt(DeadLetterDirectoryPath, $"not a usable path: {OneLine(error.Message)}");
        }

        // The directory itself is made at the first dead letter; what would make that fail is a file on its way.
        for (var path = directory; path is not null; path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                throw options.Config.ErrorAt(DeadLetterDirectoryPath, $"{path} is a file; dead letters are written as files into a directory");
            }

            if (Directory.Exists(path))
            {
                return;
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
