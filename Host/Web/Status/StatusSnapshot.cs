using System.Text.Json;

namespace QueueActors.Host.Web.Status;

/// <summary>What the status page shows, as one JSON object sent every second (server-sent events) and by <c>/api/status</c>.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="Node">The node serving the page.</param>
/// <param name="Members">The cluster's members and their Akka state: <c>cluster show</c>'s data; null when it did not answer.</param>
/// <param name="Queues">The broker queues the nodes run.</param>
/// <param name="Sites">The first <see cref="StatusCollector.SitesShown"/> known sites of <c>site list</c>'s data; null when the seed did not answer.</param>
/// <param name="SiteTotal">How many sites the registry knows; null when the seed did not answer.</param>
/// <param name="DeadLetters">The dead letters.</param>
/// <param name="Rates">Handled and failed events per second over the last minutes, oldest first.</param>
/// <param name="RetriesWaiting">What the page can say about retries waiting for their delay.</param>
/// <param name="Problems">The parts that could not be gathered, and why.</param>
public sealed record StatusSnapshot(
    DateTimeOffset At,
    string Node,
    JsonElement? Members,
    IReadOnlyList<QueueRow> Queues,
    JsonElement? Sites,
    int? SiteTotal,
    DeadLetterSummary DeadLetters,
    IReadOnlyList<RatePoint> Rates,
    string RetriesWaiting,
    IReadOnlyList<string> Problems);
