namespace QueueActors.Actors.Config;

/// <summary>
/// A password, key or shared secret read from a file or an environment variable (<see cref="SecretSource"/>).
/// It never prints itself: <see cref="ToString"/> is a placeholder, so a secret that slips into a log line,
/// an interpolated exception message or a record's generated ToString stays hidden.
/// </summary>
public sealed class Secret
{
    private readonly string value;

    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    /// <summary>The secret itself: hand it only to the code that uses it (a MAC key, a login).</summary>
    public string Reveal() => value;

    /// <summary>The secret as UTF-8 bytes (a key).</summary>
    public byte[] RevealBytes() => System.Text.Encoding.UTF8.GetBytes(value);

    public override string ToString() => "[secret]";
}
