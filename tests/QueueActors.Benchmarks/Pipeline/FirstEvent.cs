using System.Diagnostics;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>
/// The moment a consume run handled its first message, and the client's cost then. Rates and per-message costs
/// count from here on both sides: a node's start (actors, DI scopes, the first compilation of code that runs once
/// per node, which tiered compilation keeps promoting in the background for a while) is a cost per start, not per
/// message, and is reported on its own line.
/// </summary>
internal sealed class FirstEvent
{
    private int _seen;

    public ClientCost Cost { get; private set; }

    public long Timestamp { get; private set; }

    /// <summary>Called for every message; only the first call counts.</summary>
    public void Mark()
    {
        if (Volatile.Read(ref _seen) == 0 && Interlocked.Exchange(ref _seen, 1) == 0)
        {
            Timestamp = Stopwatch.GetTimestamp();
            Cost = ClientCost.Now();
        }
    }
}
