using System.Runtime.InteropServices;

namespace QueueActors.Actors.Persistence;

/// <summary>Checks shared by the journal backends.</summary>
internal static class JournalEntries
{
    /// <summary>Throws unless the entries are one id's, numbered consecutively from at least 1.</summary>
    public static void Validate(IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("Nothing to append.", nameof(entries));
        }

        var first = entries[0];
        ArgumentException.ThrowIfNullOrEmpty(first.PersistenceId, nameof(entries));
        ArgumentOutOfRangeException.ThrowIfLessThan(first.SequenceNr, 1L, nameof(entries));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].PersistenceId != first.PersistenceId || entries[i].SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException($"An append takes consecutive events of one persistence id; entry {i} is {entries[i].PersistenceId}#{entries[i].SequenceNr} after {first.PersistenceId}#{first.SequenceNr}.", nameof(entries));
            }
        }
    }

    /// <summary>The bytes as an array, without a copy when they are a whole array already.</summary>
    public static byte[] ToArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
