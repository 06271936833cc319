using System.Reflection;
using QueueActors.Actors.Processing.Handlers;

namespace QueueActors.Actors.Processing;

/// <summary>
/// A handler class bound to its queue: read from its <see cref="QueueAttribute"/> and the one
/// <see cref="IQueueHandler{T}"/> or <see cref="IBatchHandler{T}"/> it implements.
/// </summary>
public sealed class QueueHandlerRegistration
{
    private QueueHandlerRegistration(string queue, Type handlerType, Type eventType, bool isBatch, HandlerInvoker invoker)
    {
        Queue = queue;
        HandlerType = handlerType;
        EventType = eventType;
        IsBatch = isBatch;
        Invoker = invoker;
    }

    /// <summary>The logical queue.</summary>
    public string Queue { get; }

    /// <summary>The handler class.</summary>
    public Type HandlerType { get; }

    /// <summary>The event type its payloads are read as.</summary>
    public Type EventType { get; }

    /// <summary>Whether it takes batches.</summary>
    public bool IsBatch { get; }

    internal HandlerInvoker Invoker { get; }

    /// <summary>Reads the registration of <paramref name="handlerType"/>.</summary>
    /// <param name="handlerType">The handler class.</param>
    /// <param name="queue">The queue, instead of the class's <see cref="QueueAttribute"/> (one class serving another queue).</param>
    /// <exception cref="ArgumentException">No queue, or not exactly one handler interface, or abstract.</exception>
    public static QueueHandlerRegistration For(Type handlerType, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        queue = queue is not null ? Messaging.QueueNames.ValidateQueue(queue) : handlerType.GetCustomAttribute<QueueAttribute>()?.Name
            ?? throw new ArgumentException($"Handler {handlerType.FullName} has no [Queue(\"name\")] attribute.", nameof(handlerType));
        if (handlerType.IsAbstract || handlerType.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"Handler {handlerType.FullName} must be a concrete, non-generic class.", nameof(handlerType));
        }

        var interfaces = handlerType.GetInterfaces()
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IQueueHandler<>) || i.GetGenericTypeDefinition() == typeof(IBatchHandler<>)))
            .ToArray();
        if (interfaces.Length != 1)
        {
            throw new ArgumentException($"Handler {handlerType.FullName} must implement exactly one IQueueHandler<T> or IBatchHandler<T>; it implements {interfaces.Length}.", nameof(handlerType));
        }

        var eventType = interfaces[0].GetGenericArguments()[0];
        var isBatch = interfaces[0].GetGenericTypeDefinition() == typeof(IBatchHandler<>);
        var invokerType = (isBatch ? typeof(BatchInvoker<>) : typeof(SingleInvoker<>)).MakeGenericType(eventType);
        var invoker = (HandlerInvoker)Activator.CreateInstance(invokerType, handlerType)!;
        return new QueueHandlerRegistration(queue, handlerType, eventType, isBatch, invoker);
    }

    /// <inheritdoc />
    public override string ToString() => $"{HandlerType.Name} on queue {Queue}{(IsBatch ? " (batch)" : string.Empty)}";
}
