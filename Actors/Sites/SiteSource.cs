namespace QueueActors.Actors.Sites;

/// <summary>Where a site's current definition comes from.</summary>
public enum SiteSource
{
    /// <summary>Declared in HOCON (<c>queueactors.sites</c>) and not changed at run time.</summary>
    Config,

    /// <summary>Added or updated through the site registry (overrides a HOCON declaration of the same site).</summary>
    Registry,
}
