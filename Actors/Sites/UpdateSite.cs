namespace QueueActors.Actors.Sites;

/// <summary>Replaces the definition of an existing site (by its name); replied with <see cref="SiteChanged"/>, or <see cref="SiteRejected"/> (no such site, or the definition is invalid).</summary>
public sealed record UpdateSite(SiteDefinition Definition);
