namespace QueueActors.Actors.Push;

/// <summary>A client let more events pile up than <see cref="PushSettings.ClientBuffer"/>: it was cut off.</summary>
public sealed class PushClientTooSlowException : Exception
{
    public PushClientTooSlowException()
        : base("the client fell behind by more than queueactors.push.client-buffer events and was cut off; it reconnects with its Last-Event-ID")
    {
    }

    public PushClientTooSlowException(string message)
        : base(message)
    {
    }

    public PushClientTooSlowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
