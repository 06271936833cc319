namespace QueueActors.Host.Node;

/// <summary>
/// <c>&lt;data-directory&gt;/contact-point</c>: the Akka address of the node that runs on this data directory, written
/// when it starts (beside the embedded node's <c>cluster.secret</c>) and removed when it stops, so that
/// <c>queueactors ctl</c> on the same machine reaches it with no flags.
/// </summary>
public static class ContactPointFile
{
    public const string FileName = "contact-point";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Writes <paramref name="address"/> atomically (a reader never sees half of it).</summary>
    public static void Write(string dataDirectory, string address)
    {
        Directory.CreateDirectory(dataDirectory);
        var temporary = PathIn(dataDirectory) + ".tmp";
        File.WriteAllText(temporary, address + "\n");
        File.Move(temporary, PathIn(dataDirectory), overwrite: true);
    }

    /// <summary>The address a running node wrote, or null.</summary>
    public static string? Read(string dataDirectory)
    {
        var file = PathIn(dataDirectory);
        return File.Exists(file) ? File.ReadAllText(file).Trim() is { Length: > 0 } address ? address : null : null;
    }

    /// <summary>Removes the file if it still names <paramref name="address"/> (a newer node may have replaced it).</summary>
    public static void Remove(string dataDirectory, string address)
    {
        if (Read(dataDirectory) == address)
        {
            File.Delete(PathIn(dataDirectory));
        }
    }
}
