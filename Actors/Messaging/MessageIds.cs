namespace QueueActors.Actors.Messaging;

/// <summary>
/// New message ids: 128 random bits as 32 lowercase hex digits, the form <c>Guid.NewGuid().ToString("N")</c> gives.
/// Not from <see cref="Guid.NewGuid"/>: on Linux each of those reads <c>/dev/urandom</c>, a system call per publish;
/// <see cref="Random.Shared"/> is a generator per thread, seeded from the operating system's entropy once.
/// </summary>
public static class MessageIds
{
    public static string New()
    {
        Span<byte> bits = stackalloc byte[16];
        Random.Shared.NextBytes(bits);
        return Convert.ToHexStringLower(bits);
    }
}
