namespace QueueActors.Actors.Sites;

/// <summary>Thrown by <see cref="SiteRegistryClient"/> when the registry rejected a change; the message is the registry's reason.</summary>
public sealed class SiteRegistryException(string site, string message) : Exception(message)
{
    /// <summary>The site the rejected command named.</summary>
    public string Site { get; } = site;
}
