namespace QueueActors.Actors.Sites;

/// <summary>The reply to <see cref="ListSites"/>: every site, ordered by name.</summary>
public sealed record SiteList(IReadOnlyList<RegisteredSite> Sites);
