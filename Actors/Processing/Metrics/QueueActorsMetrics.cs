using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QueueActors.Actors.Processing.Metrics;

/// <summary>
/// The <c>QueueActors</c> <see cref="Meter"/> and its instruments, fed where the pipeline already counts (the handler
/// actor, the retry and dead-letter paths, the publisher). Counters are tagged <c>site</c> (<c>*</c> for a shared
/// queue's in-flight events) and <c>queue</c>; the two latency histograms <c>queue</c> only: 20 samples per series,
/// so 200 sites × 5 queues made a 4 MB scrape of 46,000 samples, 40,000 of them histogram buckets (ScrapeBenchmark). With no listener an instrument's <c>Add</c> is a flag test; the tags are a
/// <see cref="TagList"/> on the stack (no allocation for two tags). Exported by the node's <c>/metrics</c> (Host/Web).
/// </summary>
public static class QueueActorsMetrics
{
    public const string MeterName = "QueueActors";

    /// <summary>The site tag of a series that is not one site's (a shared queue's in-flight events).</summary>
    private const string AnySite = "*";

    // Handler and publish latencies: 100 µs to 30 s (the default OpenTelemetry buckets start at 0 and 5 *seconds*).
    private static readonly double[] SecondsBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> HandledEvents = Meter.CreateCounter<long>("queueactors.events.handled", "{event}", "Events a handler finished without error.");

    private static readonly Counter<long> FailedEvents = Meter.CreateCounter<long>("queueactors.events.failed", "{event}", "Events a handler threw on (each attempt).");

    private static readonly Counter<long> RetriedEvents = Meter.CreateCounter<long>("queueactors.events.retried", "{event}", "Events published again for a later attempt.");

    private static readonly Counter<long> DeadLetteredEvents = Meter.CreateCounter<long>("queueactors.events.dead_lettered", "{event}", "Events sent to dead letters.");

    private static readonly UpDownCounter<long> InFlightEvents = Meter.CreateUpDownCounter<long>("queueactors.events.in_flight", "{event}", "Events handed to handlers and not finished.");

    private static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram("queueactors.handler.duration", "s", "How long one handler call took (a batch counts once).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> PublishConfirmed = Meter.CreateCounter<long>("queueactors.publish.confirmed", "{event}", "Events the transport confirmed.");

    private static readonly Counter<long> PublishFailed = Meter.CreateCounter<long>("queueactors.publish.failed", "{event}", "Publishes the transport refused or could not confirm.");

    private static readonly Histogram<double> PublishDuration = Meter.CreateHistogram("queueactors.publish.duration", "s", "From publish to the transport's confirm.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static Func<IEnumerable<Measurement<int>>>? _members;

    // The meter keeps its instruments: the gauge needs no field.
    static QueueActorsMetrics() => Meter.CreateObservableGauge("queueactors.cluster.members", ObserveMembersNow, "{member}", "Members of the Akka cluster as this node sees them, by state.");

    public static void Handled(string? site, string queue, int events = 1) => HandledEvents.Add(events, Tags(site, queue));

    public static void Failed(string? site, string queue) => FailedEvents.Add(1, Tags(site, queue));

    public static void Retried(string? site, string queue) => RetriedEvents.Add(1, Tags(site, queue));

    public static void DeadLettered(string? site, string queue) => DeadLetteredEvents.Add(1, Tags(site, queue));

    /// <summary>Events started (positive) or finished (negative) on a queue; <paramref name="site"/> null for a shared queue.</summary>
    public static void InFlight(string? site, string queue, int events)
    {
        if (events != 0)
        {
            InFlightEvents.Add(events, new TagList { { "site", site ?? AnySite }, { "queue", queue } });
        }
    }

    public static void HandlerCall(string queue, TimeSpan duration) => HandlerDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("queue", queue));

    public static void Published(string site, string queue, TimeSpan duration)
    {
        PublishConfirmed.Add(1, Tags(site, queue));
        PublishDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("queue", queue));
    }

    public static void PublishRefused(string site, string queue) => PublishFailed.Add(1, Tags(site, queue));

    /// <summary>
    /// Members of the Akka cluster by state, read at each collection from <paramref name="observe"/> (the node host
    /// sets it; one node per process, the last one set wins). Disposing the result stops observing.
    /// </summary>
    public static IDisposable ObserveMembers(Func<IEnumerable<Measurement<int>>> observe)
    {
        Volatile.Write(ref _members, observe);
        return new MembersObservation(observe);
    }

    private static IEnumerable<Measurement<int>> ObserveMembersNow() => Volatile.Read(ref _members)?.Invoke() ?? [];

    private sealed class MembersObservation(Func<IEnumerable<Measurement<int>>> observe) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref _members, null, observe);
    }

    // A site-less plain event (dead-lettered as undecodable) is tagged with an empty site.
    private static TagList Tags(string? site, string queue) => new() { { "site", site ?? string.Empty }, { "queue", queue } };
}
