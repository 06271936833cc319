namespace QueueActors.Actors.Sites;

/// <summary>Removes a site (a HOCON-declared one too); replied with <see cref="SiteChanged"/> (its definition null), or <see cref="SiteRejected"/> when there is no such site.</summary>
public sealed record RemoveSite(string Name);
