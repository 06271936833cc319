namespace QueueActors.Actors.Runtime;

/// <summary>
/// System-wide publish/subscribe by type: a subscriber to a type gets every published event assignable
/// to it. Subscriptions are copy-on-write, so publishing takes no lock; stopped subscribers are dropped.
/// </summary>
public sealed class EventStream
{
    private Subscription[] subscriptions = [];

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return Update(current => current.Any(s => s.Subscriber.Equals(subscriber) && s.Channel == channel)
            ? current
            : [.. current, new Subscription(channel, subscriber)]);
    }

    /// <summary>Removes the subscriber from one channel, or from all when <paramref name="channel"/> is null.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null) =>
        Update(current => [.. current.Where(s => !(s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel)))]);

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        foreach (var subscription in Volatile.Read(ref subscriptions))
        {
            if (!subscription.Channel.IsAssignableFrom(type))
            {
                continue;
            }

            if (subscription.Subscriber is IInternalActorRef { IsTerminated: true })
            {
                Unsubscribe(subscription.Subscriber);
                continue;
            }

            subscription.Subscriber.Tell(@event);
        }
    }

    private bool Update(Func<Subscription[], Subscription[]> change)
    {
        while (true)
        {
            var before = Volatile.Read(ref subscriptions);
            var after = change(before);
            if (after.Length == before.Length && ReferenceEquals(after, before))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref subscriptions, after, before) == before)
            {
                return after.Length != before.Length;
            }
        }
    }

    private sealed record Subscription(Type Channel, IActorRef Subscriber);
}
