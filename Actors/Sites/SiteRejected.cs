namespace QueueActors.Actors.Sites;

/// <summary>The reply to a site command that was not carried out, with why (nothing was changed).</summary>
/// <param name="Site">The site named in the command.</param>
/// <param name="Reason">A sentence for the operator.</param>
/// <param name="NotFound">True when the reason is that the site does not exist.</param>
public sealed record SiteRejected(string Site, string Reason, bool NotFound = false);
