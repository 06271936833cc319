namespace QueueActors.Actors.Processing;

/// <summary>
/// Thrown by a handler when the event can never succeed (an SMTP 550 for its recipient, an HTTP 404 from its
/// webhook): it is dead-lettered at once with reason <see cref="DeadLetters.DeadLetterReason.Rejected"/> and this
/// message, never retried. Any other exception is retried with backoff. From a batch handler it dead-letters every
/// event of the batch: throw it there only when the whole batch can never succeed.
/// </summary>
public sealed class PermanentFailureException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> is the dead letter's reason (never put a secret in it).</summary>
    public PermanentFailureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the error that made the failure permanent.</summary>
    public PermanentFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
