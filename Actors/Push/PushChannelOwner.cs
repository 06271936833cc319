using Akka.Actor;
using Akka.Cluster.Sharding;

namespace QueueActors.Actors.Push;

/// <summary>
/// The one owner of a channel in the cluster (an Akka.Cluster.Sharding entity, id = the channel's name; a plain child
/// on a node outside a cluster): numbers the channel's events (its epoch, then 1, 2, …), holds the latest
/// (<see cref="PushSettings.HistorySize"/>, <see cref="PushSettings.HistoryAge"/>) and sends each to its subscribers
/// (the client connections, on any node; watched). Being one per channel is what makes event ids comparable whichever
/// node a client reconnects to. It keeps nothing on disk: restarted elsewhere after its node died it is a new epoch
/// with an empty history, and a client coming back with an id of the old epoch gets a reset, then what it holds.
/// With no subscribers and nothing held for <see cref="PushSettings.HistoryAge"/> it passivates (memory stays bounded).
/// </summary>
public sealed class PushChannelOwner : ReceiveActor
{
    private readonly PushSettings _settings;
    private readonly bool _sharded;
    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly Queue<PushedEvent> _history = new();
    private readonly HashSet<IActorRef> _subscribers = [];
    private long _seq;

    public PushChannelOwner(PushSettings settings, bool sharded, TimeProvider time)
    {
        _settings = settings;
        _sharded = sharded;
        _time = time;
        _epoch = time.GetUtcNow().ToUnixTimeMilliseconds();
        Receive<ChannelPush>(Push);
        Receive<ChannelSubscribe>(Subscribe);
        Receive<ChannelUnsubscribe>(u => Remove(u.Subscriber));
        Receive<Terminated>(t => Remove(t.ActorRef));
        Receive<ReceiveTimeout>(_ => Idle());
        IdleWhenAlone();
    }

    public static Props Props(PushSettings settings, bool sharded, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new PushChannelOwner(settings, sharded, time));

    private PushPosition Head => new(_epoch, _seq);

    private void Push(ChannelPush push)
    {
        var pushed = new PushedEvent(push.Channel, new PushPosition(_epoch, ++_seq), push.EventType, push.Data, _time.GetUtcNow());
        if (_settings.HistorySize > 0)
        {
            _history.Enqueue(pushed);
        }

        Trim();
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(pushed);
        }
    }

    private void Subscribe(ChannelSubscribe subscribe)
    {
        Trim();
        PushedEvent[] events = [];
        var reset = false;
        if (subscribe.After is { } after)
        {
            // Held: the events after it are all still here (the oldest held follows it at the latest).
            var oldest = _history.TryPeek(out var first) ? first.Position.Seq : _seq + 1;
            if (after.Epoch == _epoch && after.Seq <= _seq && after.Seq >= oldest - 1)
            {
                events = [.. _history.Where(e => e.Position.Seq > after.Seq)];
            }
            else
            {
                // Not held (the owner restarted since, or the history moved past it): the client reloads, then follows
                // on from the held events (after a restart, all of them came after the client's last one).
                reset = true;
                events = [.. _history];
            }
        }

        subscribe.Subscriber.Tell(new ChannelSubscribed(subscribe.Channel, Head, reset, events));
        if (_subscribers.Add(subscribe.Subscriber))
        {
            Context.Watch(subscribe.Subscriber);
        }

        Context.SetReceiveTimeout(null);
    }

    private void Remove(IActorRef subscriber)
    {
        if (_subscribers.Remove(subscriber))
        {
            Context.Unwatch(subscriber);
        }

        IdleWhenAlone();
    }

    private void IdleWhenAlone()
    {
        if (_subscribers.Count == 0)
        {
            Context.SetReceiveTimeout(_settings.HistoryAge);
        }
    }

    private void Idle()
    {
        Trim();
        if (_subscribers.Count > 0 || _history.Count > 0)
        {
            return; // a push came in meanwhile: the next timeout looks again
        }

        if (_sharded)
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
        else
        {
            Context.Stop(Self);
        }
    }

    private void Trim()
    {
        var oldest = _time.GetUtcNow() - _settings.HistoryAge;
        while (_history.Count > _settings.HistorySize || (_history.TryPeek(out var first) && first.At < oldest))
        {
            _history.Dequeue();
        }
    }
}
