namespace QueueActors.Actors.Outbox;

/// <summary>Rows of a batch could not be published (the broker refused or is down): they stay in the outbox.</summary>
internal sealed class OutboxPublishException(int pending, Exception inner) : Exception($"{pending} outbox rows could not be published: {inner.Message}", inner)
{
    /// <summary>How many rows of the batch stay in the outbox.</summary>
    public int Pending { get; } = pending;
}
