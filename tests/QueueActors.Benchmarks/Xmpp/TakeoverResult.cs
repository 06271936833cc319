namespace QueueActors.Benchmarks.Xmpp;

/// <summary>
/// What one takeover run measured, from the receiving client's side.
/// </summary>
/// <param name="Takeover">From the SIGKILL to the first stanza sent by the standby node.</param>
/// <param name="Gap">The pause in the received stream: from the stanza before the standby's first to that first one.</param>
/// <param name="Sent">Stanzas published (confirmed by the broker), sequence numbers 0 to Sent - 1.</param>
/// <param name="Sending">How long publishing went on.</param>
/// <param name="Distinct">Distinct sequence numbers received.</param>
/// <param name="Duplicates">Stanzas received more than once (at-least-once: the ones in flight at the kill).</param>
/// <param name="LateFromKilled">Stanzas from the killed node that arrived after the kill (already on their way).</param>
internal sealed record TakeoverResult(TimeSpan Takeover, TimeSpan Gap, long Sent, TimeSpan Sending, int Distinct, int Duplicates, int LateFromKilled)
{
    public long Missing => Sent - Distinct;

    /// <param name="arrivals">Every arrival, in the order they arrived.</param>
    /// <param name="killedAt">When the active node was killed, on the arrivals' clock.</param>
    /// <param name="standby">The resource the standby node logs in with.</param>
    /// <param name="sent">Stanzas published.</param>
    /// <param name="sending">How long publishing went on.</param>
    public static TakeoverResult From(IReadOnlyList<Arrival> arrivals, TimeSpan killedAt, string standby, long sent, TimeSpan sending)
    {
        var first = arrivals.ToList().FindIndex(a => a.Resource == standby);
        if (first < 0)
        {
            throw new InvalidOperationException("The standby node delivered no stanza.");
        }

        var takeover = arrivals[first].At - killedAt;
        var distinct = arrivals.Where(a => a.Sequence < sent).Select(a => a.Sequence).Distinct().Count();
        return new TakeoverResult(
            takeover,
            first > 0 ? arrivals[first].At - arrivals[first - 1].At : takeover,
            sent,
            sending,
            distinct,
            arrivals.Count - arrivals.Select(a => a.Sequence).Distinct().Count(),
            arrivals.Count(a => a.Resource != standby && a.At > killedAt));
    }
}
