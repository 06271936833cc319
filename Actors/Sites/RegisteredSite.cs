namespace QueueActors.Actors.Sites;

/// <summary>A site as the <see cref="SiteRegistry"/> holds it: its definition and where that comes from.</summary>
public sealed record RegisteredSite(SiteDefinition Definition, SiteSource Source);
