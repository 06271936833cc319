namespace QueueActors.Actors.Push;

/// <summary>
/// A client's position in each of its channels: the SSE event id (and a long-poll's <c>after</c>), written as
/// <c>&lt;channel&gt;=&lt;epoch&gt;.&lt;seq&gt;</c> pairs joined by commas, channel names URL-escaped (a topic may hold
/// any character). Opaque to clients: they hand back what they got.
/// </summary>
public sealed class PushCursor
{
    private readonly Dictionary<string, PushPosition> _positions = new(StringComparer.Ordinal);

    /// <summary>The position in <paramref name="channel"/>, or null when the client has none there.</summary>
    public PushPosition? this[string channel] => _positions.TryGetValue(channel, out var position) ? position : null;

    /// <summary>Moves the position in <paramref name="channel"/>.</summary>
    public void Set(string channel, PushPosition position) => _positions[channel] = position;

    public override string ToString() =>
        string.Join(',', _positions.Select(p => $"{Uri.EscapeDataString(p.Key)}={p.Value}"));

    /// <summary>Reads a cursor that <see cref="ToString"/> wrote.</summary>
    /// <exception cref="FormatException">Not such a cursor.</exception>
    public static PushCursor Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cursor = new PushCursor();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.LastIndexOf('=');
            if (equals <= 0 || !PushPosition.TryParse(pair[(equals + 1)..], out var position))
            {
                throw new FormatException("an event id is a list of <channel>=<epoch>.<seq>, as the server sent it");
            }

            cursor.Set(Uri.UnescapeDataString(pair[..equals]), position);
        }

        return cursor;
    }
}
