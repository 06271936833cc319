namespace QueueActors.Actors.Messaging;

/// <summary>An event for a disabled site: no node processes the site's events, so none are published for it.</summary>
public sealed class SiteDisabledException(string site)
    : InvalidOperationException($"site {site} is disabled: no node processes its events, so none are published for it (enable the site first)")
{
    /// <summary>The disabled site.</summary>
    public string Site { get; } = site;
}
