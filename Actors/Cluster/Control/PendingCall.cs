namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The replies gathered for one call: done at the first served reply (<see cref="ReplyMode.First"/>), or when as
/// many nodes answered as the repliers say were addressed. One reply per node is kept. Thread-safe.
/// </summary>
internal sealed class PendingCall(ReplyMode mode)
{
    private readonly Lock gate = new();
    private readonly List<ControlResponse> responses = [];
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int expected;

    public Task Done => done.Task;

    public void Add(ControlResponse response, int expectedByReplier)
    {
        lock (gate)
        {
            if (responses.Any(r => r.Node == response.Node))
            {
                return;
            }

            responses.Add(response);
            expected = Math.Max(expected, expectedByReplier);
            if ((mode == ReplyMode.First && response.Served) || (expected > 0 && responses.Count >= expected))
            {
                done.TrySetResult();
            }
        }
    }

    public ControlResult Result(bool timedOut)
    {
        lock (gate)
        {
            return new ControlResult([.. responses], timedOut, expected);
        }
    }
}
