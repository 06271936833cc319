namespace QueueActors.Actors.Sites;

/// <summary>
/// Published on the actor system's event stream by the <see cref="SiteRegistry"/> after each persisted change, so
/// that the node starts, reconfigures or stops the site's supervisors. Also the reply to a successful
/// <see cref="AddSite"/>, <see cref="UpdateSite"/> or <see cref="RemoveSite"/>.
/// </summary>
/// <param name="Site">The site's name.</param>
/// <param name="Definition">The site's definition now; null: the site was removed.</param>
public sealed record SiteChanged(string Site, SiteDefinition? Definition);
