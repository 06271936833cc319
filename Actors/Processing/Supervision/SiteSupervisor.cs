namespace QueueActors.Actors.Processing.Supervision;

/// <summary>The breakout queues of one site (<c>/user/sites/&lt;site&gt;/&lt;queue&gt;</c>).</summary>
internal sealed class SiteSupervisor(IReadOnlyList<QueueRuntime> queues, ProcessingContext shared) : QueueParent(queues, shared);
