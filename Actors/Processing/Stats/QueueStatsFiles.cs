using System.Text.Json;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>
/// Writes <c>&lt;directory&gt;/&lt;site-or-shared&gt;/&lt;queue&gt;.stats</c>: each through a temporary file and a rename, so
/// that a reader (a Nagios check, a script) never sees half a file.
/// </summary>
public sealed class QueueStatsFiles(StatsSettings settings)
{
    /// <summary>The stats file of a queue.</summary>
    public string PathOf(string queue, string? site) => Path.Combine(settings.FolderOf(site), queue + ".stats");

    public async Task WriteAsync(IEnumerable<QueueStats> stats, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stats);
        foreach (var queue in stats)
        {
            var path = PathOf(queue.Queue, queue.Site);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(file, queue, StatsJson.Options, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true); // rename(2): atomic on one file system
        }
    }

    /// <summary>Reads a stats file written by <see cref="WriteAsync"/>.</summary>
    public static async Task<QueueStats?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<QueueStats>(file, StatsJson.Options, cancellationToken).ConfigureAwait(false);
    }
}
