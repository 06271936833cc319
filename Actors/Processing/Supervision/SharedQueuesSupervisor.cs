namespace QueueActors.Actors.Processing.Supervision;

/// <summary>The multiplexed queues, each carrying many sites' events (<c>/user/shared/&lt;queue&gt;</c>).</summary>
internal sealed class SharedQueuesSupervisor(IReadOnlyList<QueueRuntime> queues, ProcessingContext shared) : QueueParent(queues, shared);
