namespace QueueActors.Actors.Push;

/// <summary>The rule for an event type: it is written on an SSE <c>event:</c> line.</summary>
public static class PushEventType
{
    /// <summary>The type of the event that tells a client its position is no longer held: reload, then follow on.</summary>
    public const string Reset = "reset";

    /// <exception cref="ArgumentException">Empty, over 100 characters, with control characters or white space, or <see cref="Reset"/>.</exception>
    public static string Validate(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (eventType.Length is 0 or > 100 || eventType.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || eventType == Reset)
        {
            throw new ArgumentException($"an event type must be 1-100 characters without white space or control characters, and not \"{Reset}\" (the channel's own)", nameof(eventType));
        }

        return eventType;
    }
}
