namespace QueueActors.Actors.Partitions;

/// <summary>
/// An event that names its partition key: on a partitioned queue (<c>queueactors.messaging.partitions</c>) every event
/// of one key goes to the same partition and is handled in publish order. <c>PublishOptions.PartitionKey</c>, when
/// given, wins over it.
/// </summary>
public interface IPartitioned
{
    /// <summary>The key whose events keep their order (a user id, an order number…); non-blank.</summary>
    string PartitionKey { get; }
}
