namespace QueueActors.Actors.Transport;

/// <summary>
/// A transport operation failed on every server it could try (no confirm, no server up, queue missing).
/// The message never holds a secret: servers are named with their password masked.
/// </summary>
public class TransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the last underlying failure.</summary>
    public TransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
