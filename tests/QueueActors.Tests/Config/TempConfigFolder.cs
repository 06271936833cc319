namespace QueueActors.Tests.Config;

/// <summary>A folder of its own under the temp directory for one test's configuration files, deleted on dispose.</summary>
internal sealed class TempConfigFolder : IDisposable
{
    public TempConfigFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "queueactors-config-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> at <paramref name="relativePath"/> (folders created) and returns the full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
