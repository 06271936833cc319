namespace QueueActors.Actors.Transport;

/// <summary>The rules for a channel name, the same on every transport (RabbitMQ: it names a fanout exchange).</summary>
internal static class BroadcastChannel
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="channel"/> cannot name a channel.</summary>
    public static void Validate(string? channel)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            throw new ArgumentException("A channel name must not be empty.", nameof(channel));
        }

        if (System.Text.Encoding.UTF8.GetByteCount(channel) > 200)
        {
            throw new ArgumentException($"Channel name {channel[..40]}… is longer than 200 bytes.", nameof(channel));
        }

        if (channel.StartsWith("amq.", StringComparison.Ordinal) || channel.StartsWith(QueueSpec.ReservedPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Channel name {channel} uses a reserved prefix (amq. or {QueueSpec.ReservedPrefix}).", nameof(channel));
        }
    }
}
