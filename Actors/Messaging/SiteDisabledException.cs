namespace QueueActors.Actors.Messaging;

/// <summary>
/// An event of a disabled site for a queue the site does not break out: on the shared queue the shared consumer would
/// handle it as if the site ran, so it is not published. (On the site's own breakout queue it is, and waits there.)
/// </summary>
public sealed class SiteDisabledException(string site, string queue)
    : InvalidOperationException($"site {site} is disabled, and its {queue} events would go to the shared queue, where they would be handled anyway: none published (enable the site, or break {queue} out for it so that they wait on its own queue)")
{
    /// <summary>The disabled site.</summary>
    public string Site { get; } = site;

    /// <summary>The logical queue of the refused event.</summary>
    public string Queue { get; } = queue;
}
