namespace QueueActors.Actors.Config;

/// <summary>
/// Where the keys of one HOCON document (with its includes) were written. Akka.NET's <c>Config</c> keeps no
/// positions, so <see cref="HoconScanner"/> records them from the text; errors about a value look them up here.
/// </summary>
internal sealed class HoconSourceMap
{
    private readonly Dictionary<string, HoconSourceEntry> entries = new(StringComparer.Ordinal);
    private readonly List<HoconSourceEntry> inOrder = [];

    /// <param name="origin">The file name (or label) of the document.</param>
    /// <param name="hasLines">False for settings that do not come from text (environment variables): they get no line.</param>
    public HoconSourceMap(string origin, bool hasLines = true)
    {
        Origin = origin;
        HasLines = hasLines;
    }

    public string Origin { get; }

    public bool HasLines { get; }

    /// <summary>Every key in the order it was written, a key written twice once per time.</summary>
    public IReadOnlyList<HoconSourceEntry> Entries => inOrder;

    /// <summary>The substitutions (<c>${a.b}</c>) as written, and where.</summary>
    public List<(string Path, HoconPosition Position)> Substitutions { get; } = [];

    public void Add(HoconSourceEntry entry)
    {
        entries[Key(entry.Path)] = entry; // a key written again: its last value wins, as in the configuration
        inOrder.Add(entry);
    }

    public HoconSourceEntry? Find(IReadOnlyList<string> path) => entries.GetValueOrDefault(Key(path));

    /// <summary>Where the value at <paramref name="path"/> was written, or where this document starts.</summary>
    public HoconPosition PositionOf(HoconSourceEntry? entry) =>
        !HasLines ? new HoconPosition(Origin, 0, 0) : entry?.Value ?? new HoconPosition(Origin, 1, 1);

    private static string Key(IReadOnlyList<string> path) => string.Join('\u001f', path);
}
