namespace QueueActors.Actors.Uniqueness;

/// <summary>Unique keys for the test harness: a dictionary on the harness's clock (a manual one ends a window by advancing).</summary>
public sealed class InMemoryUniqueKeys(TimeProvider? timeProvider = null) : IUniqueKeys
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<string, (string MessageId, DateTimeOffset ExpiresAt)> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<string> TakeAsync(string key, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var held) && held.ExpiresAt > _time.GetUtcNow())
            {
                return Task.FromResult(held.MessageId);
            }

            _keys[key] = (messageId, expiresAt);
            return Task.FromResult(messageId);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, string messageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var held) && held.MessageId == messageId)
            {
                _keys.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var expired = _keys.Where(pair => pair.Value.ExpiresAt <= now).Select(static pair => pair.Key).ToList();
            expired.ForEach(key => _keys.Remove(key));
            return Task.FromResult(expired.Count);
        }
    }
}
