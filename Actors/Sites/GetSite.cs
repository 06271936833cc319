namespace QueueActors.Actors.Sites;

/// <summary>One site; replied with its <see cref="RegisteredSite"/>, or <see cref="SiteRejected"/> when there is none.</summary>
public sealed record GetSite(string Name);
