using System.Globalization;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Messaging;

/// <summary>
/// A publish on a node that has not learnt its sites yet (the site registry has not answered): where the event
/// should go is unknown, so it is not published. A <see cref="TransportException"/>: like a broker that is down,
/// it is worth trying again.
/// </summary>
public sealed class SitesUnknownException(TimeSpan waited)
    : TransportException($"not published: this node has not learnt its sites from the site registry within {waited.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (no seed answered), so it cannot tell whether the site's queue is broken out")
{
}
