namespace QueueActors.Host.Web.Status;

/// <summary>One dead letter in the page's list (<c>dead show</c> gives the rest: payload, stack trace).</summary>
public sealed record DeadLetterRow(string Id, string Site, string Queue, int Attempts, string Reason, DateTimeOffset LastFailureAt, int ReplayCount, string? Error);
