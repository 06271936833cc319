namespace QueueActors.Actors.Config;

/// <summary>
/// Where a token or a value was written: the file (or a label such as <c>&lt;string&gt;</c>), 1-based line and
/// column. Line 0 means the origin has no lines (a value from an environment variable).
/// </summary>
internal readonly record struct HoconPosition(string File, int Line, int Column)
{
    public bool HasLine => Line > 0;

    public override string ToString() => HasLine ? $"{File}:{Line}:{Column}" : File;
}
