namespace QueueActors.Actors.Transport.Sql;

/// <summary>The transport's errors, worded as the other transports word them.</summary>
internal static class SqlQueueErrors
{
    public static TransportException SpecMismatch(QueueSpec existing, QueueSpec wanted) =>
        new($"Queue {wanted.BrokerQueue} exists with another spec ({existing}); cannot declare it as {wanted}.");

    public static TransportException NotDeclared(string action, string queue) =>
        new($"Cannot {action} queue {queue}: it was not declared.");
}
