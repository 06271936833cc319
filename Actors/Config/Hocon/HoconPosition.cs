namespace QueueActors.Actors.Config.Hocon;

/// <summary>Where a token or a value was written: the file (or a label such as <c>&lt;string&gt;</c>), 1-based line and column.</summary>
internal readonly record struct HoconPosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
