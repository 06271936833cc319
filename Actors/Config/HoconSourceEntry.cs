namespace QueueActors.Actors.Config;

/// <summary>One key as the source wrote it: its full path, where the key and where its (last) value start.</summary>
internal sealed record HoconSourceEntry(IReadOnlyList<string> Path, HoconPosition Key, HoconPosition Value, bool IsObject)
{
    /// <summary>Where each element of an array value starts, when the value is an array.</summary>
    public List<HoconPosition> Elements { get; } = [];
}
