namespace QueueActors.Actors.Processing;

/// <summary>A payload that cannot be read as its handler's event type: dead-lettered at once, never retried.</summary>
public sealed class InvalidPayloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidPayloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the decoder's error.</summary>
    public InvalidPayloadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
