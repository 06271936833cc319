using System.Globalization;
using System.Text;

namespace QueueActors.Actors.Processing.Crashes;

/// <summary>Reading the journal at start, and compacting it to what still counts.</summary>
internal sealed partial class HandlingJournal
{
    /// <summary>Applies every record of the file in order; a torn or unknown line is skipped.</summary>
    private void Replay()
    {
        if (!File.Exists(FilePath))
        {
            return;
        }

        var now = Now;
        foreach (var line in Encoding.UTF8.GetString(MappedJournalFile.ReadWritten(FilePath)).Split('\n'))
        {
            var parts = line.Split(' ');
            if (parts.Length < 2)
            {
                continue;
            }

            var id = Uri.UnescapeDataString(parts[1]);
            switch (parts[0])
            {
                case "S":
                    _started.Add(id);
                    break;
                case "E":
                    _started.Remove(id);
                    _crashes.Remove(id);
                    break;
                case "P" or "R" when parts.Length == 4 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var attempts):
                    Ends(id, new LiveCopy(attempts, parts[3], parts[0] == "R", now));
                    break;
                case "D" when parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var attempts):
                    Ends(id, new LiveCopy(attempts, null, Confirmed: true, now));
                    break;
                case "C" when parts.Length == 4 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var count) && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var at):
                    _crashes[id] = (count, at);
                    break;
                case "L" when parts.Length == 6 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var attempts) && long.TryParse(parts[5], CultureInfo.InvariantCulture, out var at):
                    _live[id] = new LiveCopy(attempts, parts[3] == "-" ? null : parts[3], parts[4] == "1", at);
                    break;
            }
        }
    }

    private void Ends(string id, LiveCopy live)
    {
        _started.Remove(id);
        _crashes.Remove(id);
        _live[id] = live;
    }

    /// <summary>
    /// Rewrites the file with the crash counts, the newest copies and the events in handling now, dropping
    /// what is older than <see cref="Retention"/>; a temporary file renamed into place, so a death in between
    /// leaves the old journal or the new one.
    /// </summary>
    private void CompactLocked()
    {
        var expired = Now - (long)Retention.TotalMilliseconds;
        foreach (var id in _crashes.Where(c => c.Value.At < expired).Select(c => c.Key).ToList())
        {
            _crashes.Remove(id);
        }

        foreach (var id in _live.Where(l => l.Value.At < expired).Select(l => l.Key).ToList())
        {
            _live.Remove(id);
        }

        var text = new StringBuilder();
        foreach (var (id, (count, at)) in _crashes)
        {
            text.Append(CultureInfo.InvariantCulture, $"C {Escape(id)} {count} {at}\n");
        }

        foreach (var (id, live) in _live)
        {
            text.Append(CultureInfo.InvariantCulture, $"L {Escape(id)} {live.Attempts} {live.Token ?? "-"} {(live.Confirmed ? 1 : 0)} {live.At}\n");
        }

        foreach (var id in _started)
        {
            text.Append("S ").Append(Escape(id)).Append('\n');
        }

        _append?.Dispose();
        var temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }

        File.Move(temporary, FilePath, overwrite: true);
        _append = MappedJournalFile.Open(FilePath, CompactAt);
    }
}
