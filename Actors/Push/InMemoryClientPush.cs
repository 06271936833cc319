using System.Collections.Concurrent;
using System.Text.Json;

namespace QueueActors.Actors.Push;

/// <summary>
/// The test harness's <see cref="IClientPush"/>: keeps every push, in order, for the test to assert on
/// (<see cref="Pushes"/>, <see cref="To"/>). The payload is serialized as the node would, so a payload that cannot be
/// sent fails here too.
/// </summary>
public sealed class InMemoryClientPush : IClientPush
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentQueue<RecordedPush> _pushes = new();

    /// <summary>Every push so far, in order.</summary>
    public IReadOnlyList<RecordedPush> Pushes => [.. _pushes];

    /// <summary>The pushes to <paramref name="channel"/>, in order.</summary>
    public IReadOnlyList<RecordedPush> To(PushChannel channel) => [.. _pushes.Where(p => p.Channel == channel)];

    public ValueTask PushAsync<T>(PushChannel channel, string eventType, T payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        PushEventType.Validate(eventType);
        _pushes.Enqueue(new RecordedPush(channel, eventType, JsonSerializer.Serialize(payload, Json)));
        return ValueTask.CompletedTask;
    }
}
