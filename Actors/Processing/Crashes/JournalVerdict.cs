namespace QueueActors.Actors.Processing.Crashes;

/// <summary>What the handling journal says about a delivery before it is handled.</summary>
internal enum JournalVerdict
{
    /// <summary>Nothing known against it: handle it (attempts raised by the crashes, if any).</summary>
    Take,

    /// <summary>A copy of an event whose sequence goes on in another copy (a retry published, or dead-lettered): ack and drop it.</summary>
    Stale,

    /// <summary>The original of an event whose retry was being published when the node died: publish the retry again (the lost copy, if any, is stale).</summary>
    RedoRetry,
}
