namespace QueueActors.Actors.Sites;

/// <summary>Every site, by name; replied with <see cref="SiteList"/>.</summary>
public sealed record ListSites
{
    public static ListSites Instance { get; } = new();
}
