namespace QueueActors.Actors.Persistence;

/// <summary>A journal or snapshot store operation failed. The message never holds a connection secret.</summary>
public class PersistenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PersistenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying failure.</summary>
    public PersistenceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
