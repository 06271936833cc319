namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// What came back for a call: the replies in arrival order (one per node), whether the wait ended by the
/// timeout rather than by enough replies, and how many nodes the repliers knew to be addressed (0: unknown).
/// </summary>
public sealed record ControlResult(IReadOnlyList<ControlResponse> Responses, bool TimedOut, int Expected)
{
    /// <summary>The replies of nodes that served the command.</summary>
    public IReadOnlyList<ControlResponse> Served => [.. Responses.Where(r => r.Served)];

    /// <summary>Fewer nodes answered than the repliers knew were addressed.</summary>
    public bool Incomplete => Expected > 0 && Responses.Count < Expected;
}
