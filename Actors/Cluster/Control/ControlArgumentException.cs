namespace QueueActors.Actors.Cluster.Control;

/// <summary>A handler's way of saying the request's arguments are wrong: the reply carries exit code 1 and the message.</summary>
public sealed class ControlArgumentException : Exception
{
    public ControlArgumentException()
    {
    }

    public ControlArgumentException(string message)
        : base(message)
    {
    }

    public ControlArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
