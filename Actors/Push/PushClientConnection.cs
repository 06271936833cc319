using System.Threading.Channels;
using Akka.Actor;

namespace QueueActors.Actors.Push;

/// <summary>
/// One connected client (an SSE stream or a long-poll) on this node: subscribes to each of its channels' owners from
/// the client's position, and writes what they send, in order and without repeats, into a bounded buffer that the HTTP
/// response reads. A client that lets <see cref="PushSettings.ClientBuffer"/> events pile up is cut off
/// (<see cref="PushSubscription.CutOff"/>): its memory stays bounded, and it reconnects with its Last-Event-ID. When an
/// owner dies (its node was removed) the connection subscribes again, to the owner's next incarnation: a reset.
/// </summary>
public sealed class PushClientConnection : ReceiveActor, IWithTimers
{
    private readonly IActorRef _region;
    private readonly ChannelWriter<PushDelivery> _writer;
    private readonly Action _cutOff;
    private readonly Dictionary<string, PushPosition?> _positions;
    private readonly Dictionary<string, IActorRef> _owners = new(StringComparer.Ordinal);
    private bool _stopped;

    public PushClientConnection(IActorRef region, IReadOnlyList<string> channels, PushCursor? after, ChannelWriter<PushDelivery> writer, Action cutOff)
    {
        _region = region;
        _writer = writer;
        _cutOff = cutOff;
        _positions = channels.Distinct(StringComparer.Ordinal).ToDictionary(c => c, c => after?[c], StringComparer.Ordinal);
        Receive<ChannelSubscribed>(Subscribed);
        Receive<PushedEvent>(Pushed);
        Receive<Terminated>(OwnerDied);
        Receive<Resubscribe>(r => Subscribe(r.Channel));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef region, IReadOnlyList<string> channels, PushCursor? after, ChannelWriter<PushDelivery> writer, Action cutOff) =>
        Akka.Actor.Props.Create(() => new PushClientConnection(region, channels, after, writer, cutOff));

    protected override void PreStart()
    {
        foreach (var channel in _positions.Keys)
        {
            Subscribe(channel);
        }
    }

    protected override void PostStop()
    {
        foreach (var (channel, owner) in _owners)
        {
            owner.Tell(new ChannelUnsubscribe(channel, Self));
        }

        _writer.TryComplete();
    }

    private void Subscribe(string channel) => _region.Tell(new ChannelSubscribe(channel, _positions[channel], Self));

    private void Subscribed(ChannelSubscribed subscribed)
    {
        if (!_positions.ContainsKey(subscribed.Channel))
        {
            return;
        }

        _owners[subscribed.Channel] = Sender;
        Context.Watch(Sender);
        if (subscribed.Reset)
        {
            // Positioned before the held events that follow the reset.
            var from = subscribed.Events is [var oldest, ..] ? oldest.Position with { Seq = oldest.Position.Seq - 1 } : subscribed.Head;
            Write(new PushDelivery(PushDeliveryKind.Reset, subscribed.Channel, from, null));
        }

        foreach (var pushed in subscribed.Events)
        {
            Pushed(pushed);
        }

        // Where the client is, even with nothing new: what a long-poll answers with when its time is up.
        Write(new PushDelivery(PushDeliveryKind.Position, subscribed.Channel, _positions[subscribed.Channel] ?? subscribed.Head, null));
    }

    private void Pushed(PushedEvent pushed)
    {
        // The owner sends the held events before any new one, so an event at or before the position is a repeat.
        if (_positions.TryGetValue(pushed.Channel, out var at) && at is { } position && position.Epoch == pushed.Position.Epoch && pushed.Position.Seq <= position.Seq)
        {
            return;
        }

        Write(new PushDelivery(PushDeliveryKind.Event, pushed.Channel, pushed.Position, pushed));
    }

    private void OwnerDied(Terminated terminated)
    {
        foreach (var channel in _owners.Where(o => o.Value.Equals(terminated.ActorRef)).Select(o => o.Key).ToList())
        {
            _owners.Remove(channel);
            // Its shard is allocated anew once the coordinator knows; the region buffers the subscribe until then.
            Timers.StartSingleTimer("resubscribe:" + channel, new Resubscribe(channel), TimeSpan.FromSeconds(1));
        }
    }

    private void Write(PushDelivery delivery)
    {
        if (_stopped)
        {
            return;
        }

        _positions[delivery.Channel] = delivery.Position;
        if (!_writer.TryWrite(delivery))
        {
            _stopped = true;
            _writer.TryComplete(new PushClientTooSlowException());
            _cutOff();
            Context.Stop(Self);
        }
    }

    private sealed record Resubscribe(string Channel);
}
