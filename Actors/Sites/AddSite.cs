namespace QueueActors.Actors.Sites;

/// <summary>Adds a site that does not exist yet; replied with <see cref="SiteChanged"/>, or <see cref="SiteRejected"/> (it exists, or the definition is invalid).</summary>
public sealed record AddSite(SiteDefinition Definition);
