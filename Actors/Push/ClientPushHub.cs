using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;

namespace QueueActors.Actors.Push;

/// <summary>
/// The node's side of pushing: <see cref="IClientPush"/> for its handlers (to the channel's owner, wherever it runs)
/// and <see cref="Subscribe"/> for its HTTP clients. <see cref="Start"/> starts the owners' region; until then, or with
/// push off, pushing fails with a clear message.
/// </summary>
public sealed class ClientPushHub(PushSettings settings, TimeProvider time) : IClientPush
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private ActorSystem? _system;
    private IActorRef? _region;
    private long _cutOffClients;

    public PushSettings Settings => settings;

    /// <summary>Clients cut off for falling behind since the node started.</summary>
    public long CutOffClients => Interlocked.Read(ref _cutOffClients);

    /// <summary>Starts the channels' owners' region on <paramref name="system"/> (<see cref="PushRegion.Start"/>).</summary>
    public void Start(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (settings.Enabled)
        {
            _region = PushRegion.Start(system, settings, time);
            _system = system;
        }
    }

    public ValueTask PushAsync<T>(PushChannel channel, string eventType, T payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        PushEventType.Validate(eventType);
        Region.Tell(new ChannelPush(channel.Name, eventType, JsonSerializer.Serialize(payload, Json)));
        return ValueTask.CompletedTask;
    }

    /// <summary>Subscribes a client to <paramref name="channels"/> from <paramref name="after"/> (null: from now on).</summary>
    public PushSubscription Subscribe(IReadOnlyList<PushChannel> channels, PushCursor? after)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var region = Region;
        var deliveries = Channel.CreateBounded<PushDelivery>(new BoundedChannelOptions(settings.ClientBuffer)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the connection cuts the client off
        });
        var cutOff = new CancellationTokenSource();
        var connection = _system!.ActorOf(PushClientConnection.Props(region, [.. channels.Select(c => c.Name)], after, deliveries.Writer, () =>
        {
            Interlocked.Increment(ref _cutOffClients);
            cutOff.Cancel();
        }));
        var cursor = new PushCursor();
        foreach (var channel in channels)
        {
            if (after?[channel.Name] is { } position)
            {
                cursor.Set(channel.Name, position);
            }
        }

        return new PushSubscription(_system, connection, deliveries.Reader, cursor, cutOff);
    }

    private IActorRef Region => _region ?? throw new InvalidOperationException(settings.Enabled
        ? "push is not started yet on this node (it starts with the node's actor system)"
        : $"push is off on this node ({PushSettings.Section}.enabled = off)");
}
