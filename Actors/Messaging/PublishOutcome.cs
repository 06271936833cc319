namespace QueueActors.Actors.Messaging;

/// <summary>What a publish with <see cref="PublishOptions"/> did.</summary>
public enum PublishOutcome
{
    /// <summary>The event is on its queue now.</summary>
    Published,

    /// <summary>The event is held in the cluster's database until its time (<see cref="PublishOptions.Delay"/> or <see cref="PublishOptions.DeliverAt"/>).</summary>
    Scheduled,

    /// <summary>An event with the same <see cref="PublishOptions.UniqueKey"/> was published within its window: this one was dropped.</summary>
    Duplicate,
}
