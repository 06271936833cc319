using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Names the logical queue a handler class consumes:
/// <code>
/// [Queue("email")]
/// public sealed class EmailHandler : IQueueHandler&lt;EmailEvent&gt; { … }
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class QueueAttribute : Attribute
{
    /// <param name="name">The logical queue (letters, digits, '-', '_').</param>
    public QueueAttribute(string name)
    {
        Name = QueueNames.ValidateQueue(name);
    }

    /// <summary>The logical queue.</summary>
    public string Name { get; }
}
