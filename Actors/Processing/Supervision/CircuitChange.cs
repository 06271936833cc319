namespace QueueActors.Actors.Processing.Supervision;

/// <summary>What an outcome did to a <see cref="CircuitBreaker"/>.</summary>
internal enum CircuitChange
{
    None,

    /// <summary>Failures in a row opened a closed circuit.</summary>
    Opened,

    /// <summary>The trial failed: open again, for twice the pause.</summary>
    Reopened,

    /// <summary>The trial succeeded.</summary>
    Closed,
}
