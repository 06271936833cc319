namespace QueueActors.Actors.Processing;

/// <summary>Where an event comes from and how often it was tried: what a handler may want besides the event.</summary>
public sealed record HandlerContext
{
    /// <summary>The site (tenant) of the event.</summary>
    public required string Site { get; init; }

    /// <summary>The logical queue.</summary>
    public required string Queue { get; init; }

    /// <summary>The event's id, the same on every retry.</summary>
    public required string MessageId { get; init; }

    /// <summary>Failed attempts before this one (0 on the first).</summary>
    public required int Attempts { get; init; }

    /// <summary>When the event was first published.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Application headers of the event.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyHeaders;

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();
}
