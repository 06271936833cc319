namespace QueueActors.Actors.Cluster.Control;

/// <summary>The names of the commands' arguments (values are strings; flags are <c>"true"</c>).</summary>
public static class ControlArguments
{
    /// <summary>A site name.</summary>
    public const string Site = "site";

    /// <summary>A logical queue name.</summary>
    public const string Queue = "queue";

    /// <summary>A site definition as JSON (<c>site add</c>, <c>site set</c>).</summary>
    public const string Definition = "definition";

    /// <summary>A dead letter's id.</summary>
    public const string Id = "id";

    /// <summary>Flag: every dead letter (of <see cref="Queue"/> if given).</summary>
    public const string All = "all";

    /// <summary>A duration (<c>7d</c>, <c>12h</c>, <c>30m</c>, HOCON duration syntax).</summary>
    public const string OlderThan = "older-than";

    /// <summary>At most this many entries in a list's reply (<c>site list</c>); the reply still says how many there are.</summary>
    public const string Limit = "limit";

    /// <summary>Only the sites of this source in <c>site list</c>: <c>config</c> or <c>registry</c> (<see cref="Sites.SiteSource"/>).</summary>
    public const string Source = "source";

    /// <summary>Reads a duration argument as HOCON writes durations (<c>7d</c>, <c>12h</c>, <c>500ms</c>; a plain number is milliseconds).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        return text is not null && Config.HoconUnits.TryParseDuration(text, out duration);
    }

    /// <summary>What <see cref="TryParseDuration"/> accepts, for error messages.</summary>
    public static string DurationExpected => Config.HoconUnits.DurationExpected;
}
