using QueueActors.Actors.Processing;

namespace QueueActors.Tests.Processing;

/// <summary>The event the processing tests publish.</summary>
public sealed record TestEvent(string Text, int Number = 0);

/// <summary>
/// What the scripted handlers do, set by each test (one instance per harness, from DI): the handlers only
/// delegate here and count their instances, so a test can see a restart as a new instance.
/// </summary>
public sealed class HandlerScript
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, int> _instances = new();

    public Func<TestEvent, HandlerContext, CancellationToken, ValueTask> OnEvent { get; set; } = (_, _, _) => ValueTask.CompletedTask;

    public Func<IReadOnlyList<QueuedEvent<TestEvent>>, CancellationToken, ValueTask> OnBatch { get; set; } = (_, _) => ValueTask.CompletedTask;

    /// <summary>Instances of <typeparamref name="THandler"/> created so far.</summary>
    public int InstancesOf<THandler>() => _instances.GetValueOrDefault(typeof(THandler));

    public void Created(object handler) => _instances.AddOrUpdate(handler.GetType(), 1, (_, n) => n + 1);
}

[Queue("work")]
public sealed class ScriptedHandler : IQueueHandler<TestEvent>
{
    private readonly HandlerScript _script;

    public ScriptedHandler(HandlerScript script)
    {
        _script = script;
        script.Created(this);
    }

    public ValueTask HandleAsync(TestEvent @event, HandlerContext context, CancellationToken cancellationToken) =>
        _script.OnEvent(@event, context, cancellationToken);
}

[Queue("batch")]
public sealed class ScriptedBatchHandler : IBatchHandler<TestEvent>
{
    private readonly HandlerScript _script;

    public ScriptedBatchHandler(HandlerScript script)
    {
        _script = script;
        script.Created(this);
    }

    public ValueTask HandleBatchAsync(IReadOnlyList<QueuedEvent<TestEvent>> events, CancellationToken cancellationToken) =>
        _script.OnBatch(events, cancellationToken);
}
