using QueueActors.Actors.Processing;

namespace QueueActors.Processors.FanOut;

/// <summary>
/// A two-stage fan-out (StatusNet's advice for sends to many targets). Stage 1, this handler: builds the delivery
/// list of an event (<see cref="TargetsAsync"/>) and publishes one <typeparamref name="TTarget"/> event per target on
/// <see cref="TargetQueue"/>, with a message id derived from the event's id and the target's key. Stage 2: an ordinary
/// handler of <see cref="TargetQueue"/>, so each target has its own retries and dead letter and one bad target never
/// blocks or repeats the others. Keep <see cref="TargetsAsync"/> free of side effects: a stage 1 that fails is
/// retried and lists its targets again.
/// <code>
/// [Queue("announce")]
/// public sealed class AnnounceFanOut(FanOutPublisher publisher, Subscribers subscribers) : FanOutHandler&lt;Announcement, WebhookEvent&gt;(publisher)
/// {
///     protected override string TargetQueue =&gt; "webhook";
///     protected override async ValueTask&lt;IReadOnlyList&lt;(string Key, WebhookEvent Event)&gt;&gt; TargetsAsync(Announcement a, HandlerContext c, CancellationToken t) =&gt;
///         [.. (await subscribers.OfAsync(a.Topic, t)).Select(s =&gt; (s.Id, new WebhookEvent(s.Url, a.Body)))];
/// }
/// </code>
/// </summary>
/// <typeparam name="TEvent">The event of the fan-out queue.</typeparam>
/// <typeparam name="TTarget">The event of one target, on <see cref="TargetQueue"/>.</typeparam>
public abstract class FanOutHandler<TEvent, TTarget>(FanOutPublisher publisher) : IQueueHandler<TEvent>
{
    /// <summary>The logical queue of the per-target events (stage 2).</summary>
    protected abstract string TargetQueue { get; }

    /// <summary>The delivery list: one (key, event) per target; keys distinct and stable for the same target (a user id, a URL).</summary>
    protected abstract ValueTask<IReadOnlyList<(string Key, TTarget Event)>> TargetsAsync(TEvent @event, HandlerContext context, CancellationToken cancellationToken);

    public async ValueTask HandleAsync(TEvent @event, HandlerContext context, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(@event, context, cancellationToken).ConfigureAwait(false);
        await publisher.PublishAsync(context, TargetQueue, targets, cancellationToken).ConfigureAwait(false);
    }
}
