using System.Globalization;
using System.Text;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Cluster.Signing;

/// <summary>
/// The accepted nonces of one node on disk, so that a node restarted within the clock skew still knows the
/// commands it obeyed before (the start rule of <see cref="CommandVerifier"/> covers every later restart).
/// One line per nonce, <c>&lt;signed-at ms&gt; &lt;nonce&gt;</c>, appended and flushed to the operating system on
/// each accept: that survives the process being killed; a machine crash loses the last lines, but a reboot takes
/// longer than the skew. The file is rewritten with the live entries at start and whenever it has grown to many
/// more lines than live entries, so it holds at most about one max-age window of commands. A torn last line is
/// skipped. Not safe for two processes with the same node name on one data directory (they would prune each other).
/// </summary>
internal sealed class NonceJournal
{
    private const int MinimumLinesBeforeCompaction = 4096;
    private readonly Lock gate = new();
    private readonly string path;
    private int lines;

    public NonceJournal(string path)
    {
        this.path = Path.GetFullPath(path);
    }

    /// <summary>The journal's full path.</summary>
    public string FilePath => path;

    /// <summary>The journal file of <paramref name="node"/> in <paramref name="dataDirectory"/>.</summary>
    public static string PathFor(string dataDirectory, string node)
    {
        return Path.Combine(dataDirectory, $"control-nonces.{NodeSettings.FileNameOf(node)}.log");
    }

    /// <summary>
    /// Reads the entries signed at or after <paramref name="notBefore"/> (older ones are refused by the start rule
    /// anyway) and rewrites the file with them.
    /// </summary>
    /// <exception cref="IOException">The file or its folder cannot be read or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The same, for lack of permission.</exception>
    public IReadOnlyList<(string Nonce, DateTimeOffset SignedAt)> Load(DateTimeOffset notBefore)
    {
        var kept = new List<(string Nonce, DateTimeOffset SignedAt)>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0
                    && long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                    && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                    && line.Length > space + 1)
                {
                    var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
                    if (signedAt >= notBefore)
                    {
                        kept.Add((line[(space + 1)..], signedAt));
                    }
                }
            }
        }

        Rewrite(kept);
        return kept;
    }

    /// <summary>Appends one accepted nonce.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The same, for lack of permission.</exception>
    public void Append(string nonce, DateTimeOffset signedAt)
    {
        lock (gate)
        {
            File.AppendAllText(path, Line(nonce, signedAt));
            lines++;
        }
    }

    /// <summary>True when the file has grown to many more lines than <paramref name="live"/> entries: time to <see cref="Rewrite"/>.</summary>
    public bool NeedsCompaction(int live)
    {
        lock (gate)
        {
            return lines > Math.Max(MinimumLinesBeforeCompaction, 4 * live);
        }
    }

    /// <summary>Replaces the file with <paramref name="entries"/> (written aside, then moved over it).</summary>
    public void Rewrite(IEnumerable<(string Nonce, DateTimeOffset SignedAt)> entries)
    {
        lock (gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var text = new StringBuilder();
            var count = 0;
            foreach (var (nonce, signedAt) in entries)
            {
                text.Append(Line(nonce, signedAt));
                count++;
            }

            var aside = path + ".new";
            File.WriteAllText(aside, text.ToString());
            File.Move(aside, path, overwrite: true);
            lines = count;
        }
    }

    private static string Line(string nonce, DateTimeOffset signedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{signedAt.ToUnixTimeMilliseconds()} {nonce}\n");
}
