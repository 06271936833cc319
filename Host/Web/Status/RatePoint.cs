namespace QueueActors.Host.Web.Status;

/// <summary>One point of the page's chart: when (Unix milliseconds) and the cluster's handled and failed events per second.</summary>
public sealed record RatePoint(long At, double Handled, double Failed);
