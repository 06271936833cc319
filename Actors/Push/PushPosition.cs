using System.Globalization;

namespace QueueActors.Actors.Push;

/// <summary>
/// Where a client is in one channel: the owner's incarnation (<paramref name="Epoch"/>, the Unix milliseconds at which
/// the channel's owner started: a restarted owner has another) and the sequence number of the last event it got
/// (0: none yet). Sequence numbers are comparable only within one epoch.
/// </summary>
public readonly record struct PushPosition(long Epoch, long Seq)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Epoch}.{Seq}");

    /// <summary>Reads <c>epoch.seq</c>; false for anything else.</summary>
    public static bool TryParse(string text, out PushPosition position)
    {
        position = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            position = new PushPosition(epoch, seq);
            return true;
        }

        return false;
    }
}
