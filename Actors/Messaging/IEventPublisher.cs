namespace QueueActors.Actors.Messaging;

/// <summary>
/// Puts events on queues: the analogue of Zulip's <c>queue_json_publish</c>. The payload is serialized
/// with System.Text.Json (<see cref="EventJson.Options"/>); the call returns once the broker confirmed
/// it holds the event, so an event whose publish returned is never lost.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes one event for <paramref name="site"/> on the logical <paramref name="queue"/>; returns its message id.</summary>
    /// <exception cref="ArgumentException">The site or queue name is not valid.</exception>
    /// <exception cref="SiteDisabledException">The site is disabled (in the configuration or the site registry) and the queue is not broken out for it.</exception>
    /// <exception cref="Transport.TransportException">No broker server confirmed the event.</exception>
    ValueTask<string> PublishAsync<T>(string site, string queue, T payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes one event with <paramref name="options"/>: later (held in the cluster's database until then:
    /// <see cref="PublishOutcome.Scheduled"/>) and/or once per unique key within its window (a second publish is
    /// dropped: <see cref="PublishOutcome.Duplicate"/> with the first event's id).
    /// </summary>
    /// <exception cref="ArgumentException">The site or queue name, or the options, are not valid.</exception>
    /// <exception cref="NotSupportedException">Options need a scheduled-event or unique-key store and this publisher has none.</exception>
    /// <exception cref="SiteDisabledException">As for the plain publish.</exception>
    /// <exception cref="Transport.TransportException">As for the plain publish (the unique key, if any, is given back).</exception>
    ValueTask<PublishResult> PublishAsync<T>(string site, string queue, T payload, PublishOptions options, CancellationToken cancellationToken = default);
}
